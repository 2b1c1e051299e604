package io.veltrix.platform.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The statements {@link HashChainingEventStorageEngine} runs against the event table itself. */
final class EventTableQueries {

    private EventTableQueries() {
    }

    /**
     * One query per appended batch, on the appending transaction's connection: the same sequence
     * the index column defaults to, so indexes keep their order with concurrent appenders.
     */
    static HashChainingEventStorageEngine.IndexAllocator indexAllocator(JdbcClient jdbc) {
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

    /** The hash an event of the store carries in its metadata (the chain's start if it carries none). */
    static HashChainingEventStorageEngine.PreviousHashLookup storedHashLookup(JdbcClient jdbc) {
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
