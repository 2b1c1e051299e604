package io.veltrix.query;

import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The projections' processors are configured in application.yml (pooled, tokens in token_entry,
 * source = the LISTEN-woken event source, dead-letter queue on). Here: the dead-letter table's
 * snake_case names, created by our Flyway migration V2; and how often a segment's owner renews its
 * claim.
 */
@Configuration
class ProjectionConfiguration {

    /**
     * Every pooled processor's segment owner renews its claim at least this often, even with no
     * events to process, so that the token store's claim timeout can be short: another query-service
     * instance takes over a crashed one's segments within that timeout, and no live owner loses one.
     */
    @Bean
    ConfigurerModule claimRenewal(@Value("${veltrix.projections.claim-renewal:2s}") Duration renewal) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(
                        (config, builder) -> builder.claimExtensionThreshold(renewal.toMillis())));
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
