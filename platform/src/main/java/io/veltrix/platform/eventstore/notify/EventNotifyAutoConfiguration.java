package io.veltrix.platform.eventstore.notify;

import io.veltrix.platform.eventstore.EventStoreAutoConfiguration;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Low-lag event delivery between services on PostgreSQL: the writer NOTIFYs after commit
 * ({@code veltrix.events.notify.enabled}), the reader LISTENs and wakes its streaming processors
 * ({@code veltrix.events.listen.enabled}). Both off by default; each service turns on its half.
 */
@AutoConfiguration(after = EventStoreAutoConfiguration.class)
public class EventNotifyAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "veltrix.events.notify.enabled", havingValue = "true")
    static class Notify {

        @Bean
        CommitNotifier commitNotifier(ObjectProvider<DataSourceProperties> properties, DataSource dataSource,
                                      @Value("${veltrix.events.channel:veltrix_events}") String channel,
                                      @Value("${veltrix.events.notify.min-interval-ms:3}") long minIntervalMillis,
                                      @Value("${veltrix.events.notify.retry-ms:1000}") long retryMillis) {
            return new CommitNotifier(new NotifyConnections(properties.getIfAvailable(), dataSource), channel,
                    minIntervalMillis, retryMillis);
        }

        /** Registers the after-commit hook on the event bus once Axon's configuration is built. */
        @Bean
        ConfigurerModule notifyAfterCommitModule(CommitNotifier notifier) {
            return configurer -> configurer.onInitialize(config -> config.onStart(
                    () -> config.eventBus().registerDispatchInterceptor(new NotifyAfterCommit(notifier))));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "veltrix.events.listen.enabled", havingValue = "true")
    static class Listen {

        @Bean
        NewEventSignal newEventSignal() {
            return new NewEventSignal();
        }

        @Bean
        CommitListener commitListener(ObjectProvider<DataSourceProperties> properties, DataSource dataSource,
                                      NewEventSignal signal,
                                      @Value("${veltrix.events.channel:veltrix_events}") String channel,
                                      @Value("${veltrix.events.listen.fallback-poll-ms:500}") int fallbackPollMillis,
                                      @Value("${veltrix.events.listen.retry-ms:1000}") long retryMillis) {
            return new CommitListener(new NotifyConnections(properties.getIfAvailable(), dataSource), signal, channel,
                    fallbackPollMillis, retryMillis);
        }

        @Bean(WakeableEventSource.BEAN_NAME)
        @ConditionalOnBean(EventStorageEngine.class)
        WakeableEventSource wakeableEventSource(EventStorageEngine storage, NewEventSignal signal,
                @Value("${veltrix.events.listen.min-read-interval-ms:0}") long minReadIntervalMillis) {
            return new WakeableEventSource(storage, signal, java.time.Duration.ofMillis(minReadIntervalMillis));
        }

        @Bean(WakeableEventSource.BACKGROUND_BEAN_NAME)
        @ConditionalOnBean(EventStorageEngine.class)
        WakeableEventSource backgroundEventSource(EventStorageEngine storage, NewEventSignal signal,
                @Value("${veltrix.events.listen.background-min-read-interval-ms:100}") long minReadIntervalMillis) {
            return new WakeableEventSource(storage, signal, java.time.Duration.ofMillis(minReadIntervalMillis));
        }
    }

    /**
     * Without a storage engine of ours (Axon Server mode) processors keep the same source names,
     * which then simply are Axon's event store: Axon Server pushes events itself.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "veltrix.events.listen.enabled", havingValue = "true")
    @ConditionalOnMissingBean(EventStorageEngine.class)
    static class ListenWithoutStorageEngine {

        @Bean({WakeableEventSource.BEAN_NAME, WakeableEventSource.BACKGROUND_BEAN_NAME})
        StreamableMessageSource<TrackedEventMessage<?>> eventStoreAsSource(EventStore eventStore) {
            return eventStore;
        }
    }
}
