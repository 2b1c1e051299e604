package io.veltrix.platform.eventstore;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event store's tables: created by Flyway, and their snake_case names told to Axon. */
@Configuration(proxyBeanMethods = false)
public class EventStoreTablesConfiguration {

    /** Bean name the storage engine depends on: the tables exist before it is built. */
    public static final String MIGRATION = "eventStoreMigration";

    /**
     * The event store's migrations run as its owner when {@code veltrix.event-store.owner.username}
     * names one (where each service has its own role, the owner alone may change the tables; the
     * service never works as it), else as the service's own account.
     */
    @Bean(MIGRATION)
    public EventStoreMigration eventStoreMigration(DataSource dataSource,
                                                   @Value("${spring.datasource.url:}") String url,
                                                   @Value("${veltrix.event-store.owner.username:}") String owner,
                                                   @Value("${veltrix.event-store.owner.password:}") String ownerPassword) {
        return new EventStoreMigration(owner.isBlank() ? dataSource : new DriverManagerDataSource(url, owner, ownerPassword));
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
}
