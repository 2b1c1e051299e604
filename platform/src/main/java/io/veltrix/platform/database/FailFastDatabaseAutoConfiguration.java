package io.veltrix.platform.database;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Puts the services' connection pool behind a {@link FailFastDataSource}, so that while PostgreSQL
 * is away only a probe waits for it ({@code veltrix.database.fail-fast}, on by default;
 * {@code veltrix.database.probe-interval}, 100 ms).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "veltrix.database.fail-fast", havingValue = "true", matchIfMissing = true)
public class FailFastDatabaseAutoConfiguration {

    @Bean
    static BeanPostProcessor failFastDataSource(Environment environment) {
        Duration probeInterval = environment.getProperty("veltrix.database.probe-interval", Duration.class,
                Duration.ofMillis(100));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof FailFastDataSource)
                        ? new FailFastDataSource(pool, probeInterval) : bean;
            }
        };
    }
}
