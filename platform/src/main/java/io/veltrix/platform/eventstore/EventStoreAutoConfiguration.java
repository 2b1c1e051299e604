package io.veltrix.platform.eventstore;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Axon on PostgreSQL, the same for both services: Flyway-owned snake_case tables
 * ({@link EventStoreTablesConfiguration}), bytea payloads, JSON (Jackson) for events, messages and
 * snapshots ({@link EventSerializationConfiguration}), and here the storage engine assembled with a
 * hash chain on every appended event.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
@Import({EventStoreTablesConfiguration.class, EventSerializationConfiguration.class})
public class EventStoreAutoConfiguration {

    /** PostgreSQL reports a duplicate (aggregate, sequence) as SQLState 23505: a concurrent append. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    @DependsOn(EventStoreTablesConfiguration.SCHEMA_CHECK)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
    public EventStorageEngine eventStorageEngine(@Qualifier("serializer") Serializer snapshotSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 DataSource dataSource,
                                                 @Value("${veltrix.event-store.batch-size:500}") int batchSize,
                                                 @Value("${veltrix.event-store.gap-timeout-ms:300000}") int gapTimeoutMillis,
                                                 @Value("${veltrix.event-store.hash-cache-size:200000}") long hashCacheSize) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(batchSize)
                // A gap is remembered while the event after it is younger than this: the message
                // timestamp is taken before the commit, so keep a wide margin (AxonFramework#4829).
                .gapTimeout(gapTimeoutMillis);
        JdbcEventStorageEngine jdbc = new IndexedJdbcEventStorageEngine(builder);
        JdbcClient client = JdbcClient.create(dataSource);
        return new HashChainingEventStorageEngine(jdbc, eventSerializer, EventTableQueries.storedHashLookup(client),
                EventTableQueries.indexAllocator(client), hashCacheSize);
    }
}
