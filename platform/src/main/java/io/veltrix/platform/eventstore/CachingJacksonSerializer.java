package io.veltrix.platform.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's JSON serializer with what it looked up on every read done once: one {@link ObjectReader}
 * per type (Axon asks the mapper for a new one, and with it the type's deserializer, per payload),
 * and a metadata deserializer that finds its map deserializer when it is created (Axon's looks it
 * up, and contextualizes it, per event). In a leaderboard replay those lookups were about half of
 * the reading thread's time (JFR: metadata 43 %, the root-deserializer lookups alone 22 %). What
 * is read, and how, is unchanged.
 */
final class CachingJacksonSerializer extends JacksonSerializer {

    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return getObjectMapper().readerFor(type);
        }
    };

    private CachingJacksonSerializer(Builder builder) {
        super(builder);
        // registered after Axon's module, so it takes precedence over Axon's deserializer
        getObjectMapper().registerModule(new SimpleModule("veltrix-metadata")
                .addDeserializer(MetaData.class, new MetaDataReader()));
    }

    /** JSON through {@code mapper}, which this serializer configures further and then owns. */
    static CachingJacksonSerializer over(ObjectMapper mapper) {
        return new CachingJacksonSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.get(type);
    }

    /** Metadata as a map of names to JSON values, read by a map deserializer found once. */
    static final class MetaDataReader extends StdDeserializer<MetaData> implements ResolvableDeserializer {

        private transient JsonDeserializer<Object> map;

        MetaDataReader() {
            super(MetaData.class);
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            JavaType type = context.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
            map = context.findRootValueDeserializer(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return MetaData.from((Map<String, ?>) map.deserialize(parser, context));
        }
    }
}
