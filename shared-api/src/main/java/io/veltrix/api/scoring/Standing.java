package io.veltrix.api.scoring;

import io.veltrix.api.player.PlayerId;
import java.time.Instant;

/** One line of a leaderboard. */
public record Standing(int rank, PlayerId playerId, String handle, int score, int cluesFound, Instant lastScoredAt) {
}
