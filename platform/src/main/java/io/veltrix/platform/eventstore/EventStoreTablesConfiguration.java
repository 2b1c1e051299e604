package io.veltrix.platform.eventstore;

import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event store's tables: migrated by their owner before the service starts, checked, and their snake_case names told to Axon. */
@Configuration(proxyBeanMethods = false)
public class EventStoreTablesConfiguration {

    /** Bean name the storage engine and the token store depend on: the tables are up to date before they are used. */
    public static final String SCHEMA_CHECK = "eventStoreSchemaCheck";

    /** The service checks the event store's version and never migrates it: it does not hold the owner's account. */
    @Bean(SCHEMA_CHECK)
    public EventStoreSchemaCheck eventStoreSchemaCheck(DataSource dataSource) {
        return new EventStoreSchemaCheck(dataSource);
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
