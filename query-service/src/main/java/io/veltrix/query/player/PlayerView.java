package io.veltrix.query.player;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A player's own page: score and facts live (they are the player's own), {@code rank} on the board
 * the caller may see (the public, possibly frozen, one for the player; live for organizers).
 */
public record PlayerView(String playerId, String huntId, String handle, int score,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Integer rank, boolean disqualified,
                         boolean boardFrozen, List<Found> found, int wrongAttempts, int refusedAttempts,
                         List<Hint> hints) {

    /** A found clue; {@code points} include the first-finder bonus when this find holds it. */
    public record Found(String clueId, Instant at, int points, boolean firstFinder) {
    }

    public record Hint(String clueId, Instant at, int penalty) {
    }
}
