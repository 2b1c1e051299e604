package io.veltrix.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.api.audit.ChainCheck;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.audit.StoredEvent;
import io.veltrix.command.CommandServiceIT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event store avoids the known traps: bytea JSON payloads, a dedicated sequence, hash chains, no secrets. */
class EventStoreIT extends CommandServiceIT {

    private static final String SECRET_ANSWER = "Crimson Lighthouse 1887";

    private String playedHunt() {
        String hunt = createHunt("{\"name\":\"Store\"}");
        String clue = addClue(hunt, "Secret", List.of(SECRET_ANSWER, "other answer"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, "storer").get("token").asText();
        find(hunt, token, clue, "wrong guess");
        find(hunt, token, clue, SECRET_ANSWER.toLowerCase(), "Idempotency-Key", "store-find");
        return hunt;
    }

    @Test
    void noPlainAnswerIsStoredAnywhere() {
        playedHunt();
        for (String answer : List.of(SECRET_ANSWER, SECRET_ANSWER.toLowerCase(), "crimson lighthouse", "other answer")) {
            long hits = jdbc.sql("""
                            SELECT (SELECT count(*) FROM domain_event_entry
                                     WHERE position(convert_to(:a, 'UTF8') in payload) > 0
                                        OR position(convert_to(:a, 'UTF8') in meta_data) > 0)
                                 + (SELECT count(*) FROM hunt_clue WHERE array_to_string(answer_hashes, ',') ILIKE '%' || :a || '%')
                                 + (SELECT count(*) FROM idempotency_record WHERE body ILIKE '%' || :a || '%'
                                                                            OR fingerprint ILIKE '%' || :a || '%')
                            """).param("a", answer).query(Long.class).single();
            assertThat(hits).as(answer).isZero();
        }
    }

    @Test
    void payloadsAreJsonInByteaWithADedicatedSequenceAndNoLargeObjects() {
        playedHunt();
        // the schema as its owner sees it (the service's role has no business with token_entry)
        Map<String, Object> columns = superuser().sql("""
                        SELECT (SELECT data_type FROM information_schema.columns
                                 WHERE table_name = 'domain_event_entry' AND column_name = 'payload') AS payload,
                               (SELECT data_type FROM information_schema.columns
                                 WHERE table_name = 'domain_event_entry' AND column_name = 'meta_data') AS meta,
                               (SELECT data_type FROM information_schema.columns
                                 WHERE table_name = 'token_entry' AND column_name = 'token') AS token,
                               (SELECT count(*) FROM pg_largeobject_metadata) AS large_objects,
                               (SELECT increment_by FROM pg_sequences
                                 WHERE sequencename = 'domain_event_entry_global_index_seq') AS increment
                        """).query().singleRow();
        assertThat(columns).containsEntry("payload", "bytea").containsEntry("meta", "bytea")
                .containsEntry("token", "bytea").containsEntry("large_objects", 0L).containsEntry("increment", 1L);
        List<byte[]> payloads = jdbc.sql("SELECT payload FROM domain_event_entry").query((rs, n) -> rs.getBytes(1)).list();
        assertThat(payloads).allSatisfy(p -> assertThat(new String(p, StandardCharsets.UTF_8)).startsWith("{"));
        List<Long> indexes = jdbc.sql("SELECT global_index FROM domain_event_entry ORDER BY global_index")
                .query(Long.class).list();
        assertThat(indexes.get(indexes.size() - 1) - indexes.get(0) + 1)
                .as("no blocks of 50 skipped").isLessThan(indexes.size() + 50L);
    }

    @Test
    void everyStreamIsAnUnbrokenHashChainOverTheWholeRow() {
        String hunt = playedHunt();
        ChainCheck chains = new ChainCheck(hunt);
        List<StoredEvent> rows = jdbc.sql("""
                        SELECT global_index, time_stamp, payload_type, payload_revision, aggregate_identifier,
                               sequence_number, payload, meta_data
                        FROM domain_event_entry
                        WHERE aggregate_identifier = :hunt
                           OR aggregate_identifier IN (SELECT player_id FROM player_handle WHERE hunt_id = :hunt)
                        ORDER BY global_index
                        """).param("hunt", hunt).query((rs, n) -> {
                            JsonNode metaData = tree(rs.getBytes(8));
                            StoredEvent event = new StoredEvent(rs.getLong(1), Instant.parse(rs.getString(2)),
                                    rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                                    tree(rs.getBytes(7)), metaData, metaData.get(HashChain.METADATA_KEY).asText());
                            chains.check(event, rs.getBytes(7));
                            return event;
                        }).list();
        assertThat(rows).hasSizeGreaterThan(5);
        assertThat(rows).allSatisfy(e -> assertThat(e.chainVersion()).isEqualTo(HashChain.CURRENT_VERSION));
        assertThat(chains.streams()).isEqualTo(2);
        assertThat(chains.brokenLinks()).isEmpty();
    }

    @Test
    void storedEventsCanBeNeitherChangedNorRemoved() {
        playedHunt();
        for (String change : List.of("UPDATE domain_event_entry SET time_stamp = time_stamp",
                "DELETE FROM domain_event_entry WHERE global_index < 0", "TRUNCATE domain_event_entry")) {
            // the service's role holds no such privilege, and the trigger stops even a superuser
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change)
                    .rootCause().hasMessageContaining("permission denied");
            assertThatThrownBy(() -> superuser().sql(change.replace("domain_event_entry", "public.domain_event_entry"))
                    .update()).as(change)
                    .rootCause().hasMessageContaining("domain_event_entry is append-only");
        }
    }

    @Test
    void theServiceConnectsAsItsOwnRoleNotAsASuperuser() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("veltrix_command");
        assertThat(jdbc.sql("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles"
                        + " WHERE rolname = current_user").query(Boolean.class).single()).isFalse();
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
