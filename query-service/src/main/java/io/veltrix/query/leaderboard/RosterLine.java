package io.veltrix.query.leaderboard;

import java.time.Instant;

/**
 * One player of a hunt as the organizers' console lists them: live standing, and whether
 * disqualified (then without a rank). In a team-mode hunt the teams ({@code team}: the id is the
 * team's, the handle its name) come first, ranked as on the board, then their members, unranked
 * (their finds count for their team).
 */
public record RosterLine(Integer rank, String playerId, String handle, int score, int cluesFound,
                         Instant lastScoredAt, boolean disqualified, boolean team) {
}
