package io.veltrix.query.leaderboard;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes what a batch changes of a team-mode hunt beyond its scores: that the hunt is played in
 * teams, and who is in which team. Called under the hunt's board lock, in the batch's transaction.
 * A member's joining and removal are on their team's stream, so they arrive in order; a join seen
 * again (a replayed event) changes nothing.
 */
@Component
class TeamRosterWriter {

    private final JdbcClient jdbc;

    TeamRosterWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void write(BoardChanges c) {
        if (c.teamMode) {
            jdbc.sql("UPDATE lb_hunt SET team_mode = true WHERE hunt_id = :hunt").param("hunt", c.huntId).update();
        }
        for (BoardChanges.Membership m : c.memberships) {
            if (m.removed()) {
                jdbc.sql("""
                                UPDATE lb_team_member SET removed_index = GREATEST(removed_index, :index)
                                WHERE player_id = :player""")
                        .param("index", m.index()).param("player", m.playerId()).update();
            } else {
                jdbc.sql("""
                                INSERT INTO lb_team_member (player_id, hunt_id, team_id, handle, joined_index)
                                VALUES (:player, :hunt, :team, :handle, :index)
                                ON CONFLICT (player_id) DO NOTHING""")
                        .param("player", m.playerId()).param("hunt", c.huntId).param("team", m.teamId())
                        .param("handle", m.handle()).param("index", m.index()).update();
            }
        }
    }
}
