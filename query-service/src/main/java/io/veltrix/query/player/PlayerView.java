package io.veltrix.query.player;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A player's own page: score and facts live (they are the player's own), {@code rank} on the board
 * the caller may see (the public, possibly frozen, one for the player; live for organizers). In a
 * team-mode hunt a member's page is their team's: the team's score, rank, finds (each with who
 * found it) and hints, and {@code team} names the team and its members; a solo player's page has
 * no {@code team}, {@code foundBy} or {@code takenBy}.
 */
public record PlayerView(String playerId, String huntId, String handle, int score,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Integer rank, boolean disqualified,
                         boolean boardFrozen, List<Found> found, int wrongAttempts, int refusedAttempts,
                         List<Hint> hints, @JsonInclude(JsonInclude.Include.NON_NULL) Team team) {

    /** A solo player's page. */
    public PlayerView(String playerId, String huntId, String handle, int score, Integer rank, boolean disqualified,
                      boolean boardFrozen, List<Found> found, int wrongAttempts, int refusedAttempts, List<Hint> hints) {
        this(playerId, huntId, handle, score, rank, disqualified, boardFrozen, found, wrongAttempts, refusedAttempts,
                hints, null);
    }

    /** A found clue; {@code points} include the first-finder bonus when this find holds it. */
    public record Found(String clueId, Instant at, int points, boolean firstFinder,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Member foundBy) {
    }

    public record Hint(String clueId, Instant at, int penalty,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Member takenBy) {
    }

    /** The member's team: its name, whether it is disqualified, and its members in the order they joined. */
    public record Team(String teamId, String name, boolean disqualified, List<Member> members) {
    }

    public record Member(String playerId, String handle) {
    }
}
