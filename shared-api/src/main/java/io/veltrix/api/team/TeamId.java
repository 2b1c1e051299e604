package io.veltrix.api.team;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifies a team of one team-mode hunt; serialized as its plain string. */
public record TeamId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TeamId {
        Objects.requireNonNull(value, "teamId");
    }

    public static TeamId random() {
        return new TeamId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
