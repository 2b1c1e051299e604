package io.veltrix.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON form of stored messages: properties and map keys sorted, instants as ISO-8601
 * strings. Stored payload bytes are therefore canonical, and the hash chain is computed over them.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    private static final ObjectMapper TREE_WRITER = new ObjectMapper();

    /**
     * The canonical bytes of any JSON value: object keys sorted (recursively), no whitespace. For a
     * stored payload read back as a tree this gives exactly the stored bytes, which is how an
     * auditor re-checks a hash chain from an export without our code's types.
     */
    public static byte[] canonicalBytes(JsonNode value) {
        try {
            return TREE_WRITER.writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree is always writable", e);
        }
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            value.fields().forEachRemaining(field -> fields.put(field.getKey(), sorted(field.getValue())));
            fields.forEach(sorted::set);
            return sorted;
        }
        if (value.isArray()) {
            ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
            value.forEach(element -> sorted.add(sorted(element)));
            return sorted;
        }
        return value;
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Readers stay tolerant of fields added by later schema versions.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
