package io.veltrix.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.find.ClueFoundUpcaster;
import io.veltrix.api.hunt.HuntCreatedUpcaster;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Axon on PostgreSQL, the same for both services: Flyway-owned snake_case tables, bytea payloads,
 * JSON (Jackson) for events, messages and snapshots, and a hash chain on every appended event.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
public class EventStoreAutoConfiguration {

    /**
     * Runs the event store's own migrations (history table apart from each service's), as the event
     * store's owner when {@code veltrix.event-store.owner.username} names one (where each service has
     * its own role, the owner alone may change the tables; the service never works as it), else as
     * the service's own account.
     */
    @Bean
    public EventStoreSchema eventStoreSchema(DataSource dataSource,
                                             @Value("${spring.datasource.url:}") String url,
                                             @Value("${veltrix.event-store.owner.username:}") String owner,
                                             @Value("${veltrix.event-store.owner.password:}") String ownerPassword) {
        migrate(owner.isBlank() ? dataSource : new DriverManagerDataSource(url, owner, ownerPassword));
        return new EventStoreSchema();
    }

    /** Brings the event store's tables up to date, as {@code dataSource}'s account. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventstore")
                .schemas("public")
                .defaultSchema("public")
                .table("eventstore_schema_history")
                .load()
                .migrate();
    }

    /** Marker that the event store tables exist. */
    public static final class EventStoreSchema {
    }

    /**
     * The general serializer (tokens, snapshots, dead letters) is JSON too. Only the benchmark's
     * "axon-defaults" profile sets {@code veltrix.event-store.general-serializer=xstream}, and then
     * Axon builds its default XStream serializer, allowed to read Axon's and Veltrix's types.
     */
    @Bean
    @Primary
    @ConditionalOnProperty(name = "veltrix.event-store.general-serializer", havingValue = "jackson", matchIfMissing = true)
    public Serializer serializer() {
        return jackson();
    }

    @Bean
    @ConditionalOnProperty(name = "veltrix.event-store.general-serializer", havingValue = "xstream")
    public com.thoughtworks.xstream.XStream xStream() {
        var xStream = new com.thoughtworks.xstream.XStream(new org.axonframework.serialization.xml.CompactDriver());
        xStream.allowTypesByWildcard(new String[] {"io.veltrix.**", "org.axonframework.**"});
        return xStream;
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return jackson();
    }

    private static JacksonSerializer jackson() {
        return JacksonSerializer.builder().objectMapper(CanonicalJson.mapper()).build();
    }

    /**
     * Old event versions in the store are upcast on read (docs/events.md). Axon's Spring Boot
     * configuration registers every EventUpcaster bean in configuration.upcasterChain().
     */
    @Bean
    public ClueFoundUpcaster clueFoundUpcaster() {
        return new ClueFoundUpcaster();
    }

    @Bean
    public HuntCreatedUpcaster huntCreatedUpcaster() {
        return new HuntCreatedUpcaster();
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

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
    @DependsOn("eventStoreSchema")
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
        return new HashChainingEventStorageEngine(jdbc, eventSerializer, storedHashLookup(client),
                indexAllocator(client), hashCacheSize);
    }

    /**
     * One query per appended batch, on the appending transaction's connection: the same sequence
     * the index column defaults to, so indexes keep their order with concurrent appenders.
     */
    private static HashChainingEventStorageEngine.IndexAllocator indexAllocator(JdbcClient jdbc) {
        return count -> jdbc
                .sql("SELECT nextval('domain_event_entry_global_index_seq') FROM generate_series(1, ?)")
                .param(count)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
    }

    private static HashChainingEventStorageEngine.PreviousHashLookup storedHashLookup(JdbcClient jdbc) {
        ObjectMapper json = CanonicalJson.mapper();
        return (aggregateId, sequence) -> jdbc
                .sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?")
                .params(aggregateId, sequence)
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(metaData -> {
                    try {
                        JsonNode hash = json.readTree(metaData).get(HashChain.METADATA_KEY);
                        return hash == null ? HashChain.GENESIS : hash.asText();
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("unreadable metadata of " + aggregateId + "#" + sequence, e);
                    }
                });
    }
}
