package io.veltrix.api.hunt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a hunt; serialized as its plain string. */
public record HuntId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public HuntId {
        Objects.requireNonNull(value, "huntId");
    }

    public static HuntId random() {
        return new HuntId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
