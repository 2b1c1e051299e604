package io.veltrix.command.groupcommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.platform.web.FilterOrder;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The group commit of the hot paths, from the {@code veltrix.group-commit} knobs of application.yml. */
@Configuration(proxyBeanMethods = false)
public class GroupCommitSetup {

    @Bean
    public GroupCommit groupCommit(TransactionManager transactions, DataSource dataSource,
                                   @Value("${veltrix.group-commit.lanes:2}") int lanes,
                                   @Value("${veltrix.group-commit.queue-capacity:1024}") int queueCapacity,
                                   @Value("${veltrix.group-commit.max-batch:64}") int maxBatch,
                                   @Value("${veltrix.group-commit.window:2ms}") Duration window,
                                   @Value("${veltrix.group-commit.max-queue-wait:250ms}") Duration maxQueueWait,
                                   @Value("${veltrix.group-commit.retry-after-seconds:1}") long retryAfterSeconds) {
        return new GroupCommit(transactions, dataSource, lanes, queueCapacity, maxBatch, window, maxQueueWait,
                retryAfterSeconds);
    }

    @Bean
    public WorkerBacklog workerBacklog() {
        return new WorkerBacklog();
    }

    /** Ahead of security and everything else: a refused request should cost next to nothing. */
    @Bean
    public FilterRegistrationBean<AdmissionFilter> admissionFilter(
            GroupCommit groupCommit, WorkerBacklog backlog, ObjectMapper json,
            @Value("${veltrix.admission.max-waiting-requests:100}") int maxWaitingRequests,
            @Value("${veltrix.admission.grace:250ms}") Duration grace) throws JsonProcessingException {
        FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
                new AdmissionFilter(groupCommit, backlog, maxWaitingRequests, grace, json));
        registration.setOrder(FilterOrder.GUARDS);
        return registration;
    }
}
