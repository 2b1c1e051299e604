package io.veltrix.api.scoring;

import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.TeamId;
import java.time.Instant;
import java.util.List;

/** One line of a team-mode leaderboard: the team's standing and its members, in the order they joined. */
public record TeamStanding(int rank, TeamId teamId, String name, int score, int cluesFound, Instant lastScoredAt,
                           List<Member> members) {

    public record Member(PlayerId playerId, String handle) {
    }
}
