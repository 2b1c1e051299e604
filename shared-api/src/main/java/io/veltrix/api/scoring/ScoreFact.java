package io.veltrix.api.scoring;

import io.veltrix.api.hunt.ClueId;
import java.time.Instant;
import java.util.Objects;

/**
 * One event that may move a player's score, reduced to what the rules need.
 * {@code points} is the clue's base points for a {@link Kind#FIND}, the penalty paid (≥ 0) for a
 * {@link Kind#HINT} and the signed correction for an {@link Kind#ADJUSTMENT}; {@code clueId} is
 * null for adjustments.
 */
public record ScoreFact(long index, Instant at, Kind kind, ClueId clueId, int points) {

    public enum Kind { FIND, HINT, ADJUSTMENT }

    public ScoreFact {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether this fact changed the score, which makes it count for "when the score was reached". */
    public boolean changesScore() {
        return switch (kind) {
            case FIND -> true;
            case HINT, ADJUSTMENT -> points != 0;
        };
    }

    /** The signed effect on the score, bonus excluded. */
    public int delta() {
        return kind == Kind.HINT ? -points : points;
    }
}
