package io.veltrix.api.scoring;

import java.time.Instant;

/**
 * A player's score under one view of the events. {@code lastScoredAt} is the timestamp of the
 * latest (in global order) event that changed the score, null if none did.
 */
public record Tally(int score, int cluesFound, int firstFinds, Instant lastScoredAt, long lastScoredIndex) {

    public static final Tally NOTHING = new Tally(0, 0, 0, null, -1);
}
