package io.veltrix.query.leaderboard;

import java.time.Instant;

/**
 * One player of a hunt as the organizers' console lists them: live standing, and whether
 * disqualified (then without a rank).
 */
public record RosterLine(Integer rank, String playerId, String handle, int score, int cluesFound,
                         Instant lastScoredAt, boolean disqualified) {
}
