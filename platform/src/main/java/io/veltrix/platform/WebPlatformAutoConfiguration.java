package io.veltrix.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.platform.security.CachedStaffAuthentication;
import io.veltrix.platform.security.DeviceCredentials;
import io.veltrix.platform.security.ProblemSecurityHandlers;
import io.veltrix.platform.security.StaffLoginGuard;
import io.veltrix.platform.security.StaffAccounts;
import io.veltrix.platform.security.StaffDirectory;
import io.veltrix.platform.security.StoredOrganizers;
import io.veltrix.platform.web.ApiProblems;
import io.veltrix.platform.web.BodySizeLimitFilter;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.platform.web.CrossSiteRequestFilter;
import io.veltrix.platform.web.DatabaseOutageFilter;
import io.veltrix.platform.web.FilterOrder;
import io.veltrix.platform.web.MalformedQueryFilter;
import io.veltrix.platform.web.ProblemErrorController;
import io.veltrix.platform.web.ProblemErrorReportValve;
import io.veltrix.platform.web.PublicApiDocs;
import io.veltrix.platform.web.WildcardContentTypeFilter;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.filter.ServerHttpObservationFilter;

/** The HTTP behaviour both services share: problem+json errors, body limits, cross-site refusal, staff accounts. */
// before Spring Boot's error pages, so that its own /error controller gives way to ProblemErrorController
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication
public class WebPlatformAutoConfiguration {

    /**
     * Moves Spring Boot's request observation ({@code http.server.requests}) behind the hot paths
     * ({@link FilterOrder}): Boot registers it right after the guards, where it would time every hot
     * answer a second time.
     */
    @Bean
    static BeanPostProcessor requestObservationBehindHotPaths() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof ServerHttpObservationFilter) {
                    registration.setOrder(FilterOrder.REQUEST_OBSERVATION);
                }
                return bean;
            }
        };
    }

    @Bean
    public ApiProblems apiProblems(ObjectMapper json,
                                   @Value("${veltrix.http.retry-after-seconds:5}") long retryAfterSeconds) {
        return new ApiProblems(json, retryAfterSeconds);
    }

    @Bean
    public ClientAddresses clientAddresses(@Value("${veltrix.http.trusted-proxies:}") List<String> trustedProxies) {
        return new ClientAddresses(trustedProxies);
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            ApiProblems problems, @Value("${veltrix.http.max-body-bytes:16384}") long maxBodyBytes) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBodyBytes, problems));
        registration.setOrder(FilterOrder.GUARDS);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequestFilter(ApiProblems problems) {
        var registration = new FilterRegistrationBean<>(new CrossSiteRequestFilter(problems));
        registration.setOrder(FilterOrder.GUARDS);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<WildcardContentTypeFilter> wildcardContentTypeFilter(ApiProblems problems) {
        var registration = new FilterRegistrationBean<>(new WildcardContentTypeFilter(problems));
        registration.setOrder(FilterOrder.GUARDS);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<MalformedQueryFilter> malformedQueryFilter(ApiProblems problems) {
        var registration = new FilterRegistrationBean<>(new MalformedQueryFilter(problems));
        registration.setOrder(FilterOrder.GUARDS);
        return registration;
    }

    @Bean
    public ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Around security and the hot path's filter, which may touch the database before any handler. */
    @Bean
    public FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ApiProblems problems) {
        var registration = new FilterRegistrationBean<>(new DatabaseOutageFilter(problems));
        registration.setOrder(FilterOrder.GUARDS);
        return registration;
    }

    @Bean
    public ProblemSecurityHandlers problemSecurityHandlers(ApiProblems problems) {
        return new ProblemSecurityHandlers(problems);
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The configured accounts, then the service's stored organizer accounts, if it has any. */
    @Bean
    public StaffDirectory staffAccounts(Environment env, PasswordEncoder encoder,
                                        ObjectProvider<StoredOrganizers> stored) {
        StoredOrganizers organizers = stored.getIfAvailable(() -> username -> Optional.empty());
        return new StaffDirectory(StaffAccounts.fromEnvironment(env, encoder), organizers);
    }

    @Bean
    public StaffLoginGuard staffLoginGuard(
            @Value("${veltrix.security.staff-login.failures-per-address:10}") int failuresPerAddress,
            @Value("${veltrix.security.staff-login.failures-per-device:10}") int failuresPerDevice,
            @Value("${veltrix.security.staff-login.failures-per-account:50}") int failuresPerAccount,
            @Value("${veltrix.security.staff-login.failure-window:5m}") java.time.Duration failureWindow,
            @Value("${veltrix.security.staff-login.concurrent-checks:2}") int concurrentChecks) {
        return new StaffLoginGuard(failuresPerAddress, failuresPerDevice, failuresPerAccount, failureWindow,
                concurrentChecks);
    }

    /** Both services are given the same key, so a credential either issued is honoured by both. */
    @Bean
    public DeviceCredentials deviceCredentials(
            @Value("${veltrix.security.device-key:}") String deviceKey,
            @Value("${veltrix.security.staff-login.device-credential-ttl:30d}") java.time.Duration ttl) {
        return DeviceCredentials.configured(deviceKey, ttl);
    }

    @Bean
    public CachedStaffAuthentication staffAuthentication(UserDetailsService staffAccounts, PasswordEncoder encoder,
            @Value("${veltrix.security.staff-login-cache:5m}") java.time.Duration ttl, StaffLoginGuard guard,
            DeviceCredentials devices) {
        return new CachedStaffAuthentication(staffAccounts, encoder, ttl, guard, devices);
    }

    /** Tomcat's own refusals (before any servlet) as problem+json; the host takes its valve when it starts. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReports {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (!(context.getParent() instanceof StandardHost host)) {
                    throw new IllegalStateException("the context has no host yet: Tomcat's error pages stay HTML");
                }
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            });
        }
    }

    /** Staff-only operations are left out of the API documentation that others see. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    static class ApiDocs {

        @Bean
        PublicApiDocs publicApiDocs(
                org.springframework.beans.factory.ObjectProvider<
                        org.springframework.security.web.access.WebInvocationPrivilegeEvaluator> privileges) {
            return new PublicApiDocs(privileges);
        }
    }
}
