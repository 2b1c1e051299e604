package io.veltrix.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.api.audit.HashChain;
import io.veltrix.command.CommandServiceIT;
import java.nio.charset.StandardCharsets;
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
        Map<String, Object> columns = jdbc.sql("""
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
    void everyStreamIsAnUnbrokenHashChain() throws Exception {
        String hunt = playedHunt();
        List<String> streams = jdbc.sql("""
                        SELECT DISTINCT aggregate_identifier FROM domain_event_entry
                        WHERE aggregate_identifier = :hunt
                           OR aggregate_identifier IN (SELECT player_id FROM player_handle WHERE hunt_id = :hunt)
                        """).param("hunt", hunt).query(String.class).list();
        assertThat(streams).hasSize(2);
        for (String stream : streams) {
            List<byte[][]> rows = jdbc.sql("""
                            SELECT payload, meta_data FROM domain_event_entry
                            WHERE aggregate_identifier = ? ORDER BY sequence_number
                            """).param(stream).query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}).list();
            String previous = HashChain.GENESIS;
            for (byte[][] row : rows) {
                JsonNode metaData = JSON.readTree(row[1]);
                String expected = HashChain.next(previous, row[0]);
                assertThat(metaData.get(HashChain.METADATA_KEY).asText()).isEqualTo(expected);
                previous = expected;
            }
        }
    }
}
