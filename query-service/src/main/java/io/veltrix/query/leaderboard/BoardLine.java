package io.veltrix.query.leaderboard;

import java.time.Instant;

/** One line of a leaderboard as served. */
public record BoardLine(int rank, String playerId, String handle, int score, int cluesFound, Instant lastScoredAt) {
}
