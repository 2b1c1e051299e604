package io.veltrix.api.player;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a player registration (one player in one hunt); serialized as its plain string. */
public record PlayerId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PlayerId {
        Objects.requireNonNull(value, "playerId");
    }

    public static PlayerId random() {
        return new PlayerId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
