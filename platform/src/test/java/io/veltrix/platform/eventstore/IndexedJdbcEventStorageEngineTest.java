package io.veltrix.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The global index joins an event's stored metadata as one more field, whatever the metadata held. */
class IndexedJdbcEventStorageEngineTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theIndexIsAddedToStoredMetadataAndEveryOtherFieldIsKept() throws Exception {
        JsonNode indexed = indexed("{\"hash\":\"ab12\",\"previous\":\"}{\",\"nested\":{\"a\":[1,2]}}", 42);

        assertThat(indexed.get("globalIndex").asLong()).isEqualTo(42);
        assertThat(indexed.get("hash").asText()).isEqualTo("ab12");
        assertThat(indexed.get("previous").asText()).isEqualTo("}{");
        assertThat(indexed.get("nested").get("a").get(1).asInt()).isEqualTo(2);
        assertThat(indexed.size()).isEqualTo(4);
    }

    @Test
    void emptyBlankAndMissingMetadataGetTheIndexAlone() throws Exception {
        for (String stored : new String[] {"{}", "{ }", " {\n}\n", ""}) {
            JsonNode indexed = indexed(stored, 7);
            assertThat(indexed.size()).as(stored).isEqualTo(1);
            assertThat(indexed.get("globalIndex").asLong()).as(stored).isEqualTo(7);
        }
        byte[] fromNull = IndexedJdbcEventStorageEngine.withIndex(null, Long.MAX_VALUE);
        assertThat(json.readTree(fromNull).get("globalIndex").asLong()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void trailingBlanksAfterTheObjectAreNoObstacle() throws Exception {
        JsonNode indexed = indexed("{\"a\":1}  \r\n", 3);

        assertThat(indexed.get("a").asInt()).isEqualTo(1);
        assertThat(indexed.get("globalIndex").asLong()).isEqualTo(3);
    }

    private JsonNode indexed(String stored, long index) throws Exception {
        return json.readTree(IndexedJdbcEventStorageEngine.withIndex(stored.getBytes(StandardCharsets.UTF_8), index));
    }
}
