package io.veltrix.api.hunt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a clue within its hunt; serialized as its plain string. */
public record ClueId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ClueId {
        Objects.requireNonNull(value, "clueId");
    }

    public static ClueId random() {
        return new ClueId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
