package io.veltrix.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.ClueFoundUpcaster;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntCreatedUpcaster;
import java.io.IOException;
import java.util.Objects;

/**
 * Turns a stored payload (type, version, JSON) into the event record of the current schema, upcasting
 * old versions with the same functions Axon's upcaster chain uses. Only Veltrix's event records are
 * ever instantiated, whatever a file names as type.
 */
public final class EventDecoder {

    private static final String EVENT_PACKAGE = "io.veltrix.api.";
    private final ObjectMapper mapper = CanonicalJson.mapper();

    public Object decode(String type, String version, JsonNode payload) {
        Objects.requireNonNull(type, "type");
        JsonNode current = upcast(type, version, payload);
        try {
            return mapper.treeToValue(current, eventClass(type));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable " + type + " payload: " + e.getMessage(), e);
        }
    }

    /** The payload in the current schema of its type. */
    public static JsonNode upcast(String type, String version, JsonNode payload) {
        if (ClueFound.class.getName().equals(type) && "1".equals(version)) {
            return ClueFoundUpcaster.v1ToV2(payload);
        }
        if (HuntCreated.class.getName().equals(type) && "1".equals(version)) {
            return HuntCreatedUpcaster.v1ToV2(payload);
        }
        return payload;
    }

    private static Class<?> eventClass(String type) {
        if (!type.startsWith(EVENT_PACKAGE)) {
            throw new IllegalArgumentException("not a Veltrix event type: " + type);
        }
        try {
            Class<?> c = Class.forName(type, false, EventDecoder.class.getClassLoader());
            if (!c.isRecord()) {
                throw new IllegalArgumentException("not an event record: " + type);
            }
            return c;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown event type: " + type, e);
        }
    }
}
