package io.veltrix.query.leaderboard;

import java.time.Instant;
import java.util.List;

/** One line of a team-mode hunt's leaderboard as served: the team, ranked, with its members. */
public record TeamBoardLine(int rank, String teamId, String name, int score, int cluesFound, Instant lastScoredAt,
                            List<Member> members) {

    public record Member(String playerId, String handle) {
    }
}
