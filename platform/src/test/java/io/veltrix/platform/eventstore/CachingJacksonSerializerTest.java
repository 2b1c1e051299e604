package io.veltrix.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The serializer reads what Axon's own writes and reads, the same values, through lookups made once. */
class CachingJacksonSerializerTest {

    private final CachingJacksonSerializer ours = CachingJacksonSerializer.over(CanonicalJson.mapper());
    private final JacksonSerializer axons = JacksonSerializer.builder().objectMapper(CanonicalJson.mapper()).build();

    private static MetaData metaData() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("hash", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        values.put("correlationId", "c0ffee");
        values.put("count", 42);
        values.put("large", 12_345_678_901L);
        values.put("ratio", 0.25);
        values.put("flag", true);
        values.put("nothing", null);
        values.put("nested", Map.of("list", List.of(1, "two", false)));
        return MetaData.from(values);
    }

    @Test
    void metadataAndPayloadsReadAsAxonsSerializerReadsThem() {
        MetaData metaData = metaData();
        ClueFound payload = new ClueFound(new PlayerId("p-1"), new HuntId("h-1"), new ClueId("c-1"), 10, 2);
        for (Serializer writer : List.of(ours, axons)) {
            SerializedObject<byte[]> storedMetaData = writer.serialize(metaData, byte[].class);
            SerializedObject<byte[]> storedPayload = writer.serialize(payload, byte[].class);
            for (int read = 0; read < 3; read++) {   // the first read finds the readers, later ones reuse them
                MetaData readMetaData = ours.deserialize(storedMetaData);
                assertThat(readMetaData).isEqualTo(axons.<byte[], MetaData>deserialize(storedMetaData));
                assertThat(readMetaData).containsEntry("large", 12_345_678_901L).containsEntry("nothing", null)
                        .containsEntry("nested", Map.of("list", List.of(1, "two", false)));
                assertThat(ours.<byte[], ClueFound>deserialize(storedPayload)).isEqualTo(payload);
            }
            assertThat(Arrays.equals(storedPayload.getData(), axons.serialize(payload, byte[].class).getData()))
                    .as("written as Axon's serializer writes").isTrue();
        }
        assertThat(ours.<byte[], MetaData>deserialize(ours.serialize(MetaData.emptyInstance(), byte[].class)))
                .isEmpty();
    }

    @Test
    void eachTypeHasOneReaderAndMetadataItsOwnDeserializer() throws Exception {
        assertThat(ours.getReader(ClueFound.class)).isSameAs(ours.getReader(ClueFound.class));
        assertThat(ours.getReader(MetaData.class)).isSameAs(ours.getReader(MetaData.class));

        ObjectMapper mapper = ours.getObjectMapper();
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createDummyInstance(mapper.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(CachingJacksonSerializer.MetaDataReader.class);
    }
}
