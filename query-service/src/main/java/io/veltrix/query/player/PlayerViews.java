package io.veltrix.query.player;

import static io.veltrix.query.Projections.instant;

import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.security.RevocationLogPruner;
import io.veltrix.platform.security.TokenRevocations;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the player view, and the player-token lookup and revocation log of the query side's
 * Bearer authentication.
 */
@Component
public class PlayerViews implements PlayerTokens, TokenRevocations, RevocationLogPruner.PrunableLog {

    private final JdbcClient jdbc;
    private final Leaderboards leaderboards;

    public PlayerViews(JdbcClient jdbc, Leaderboards leaderboards) {
        this.jdbc = jdbc;
        this.leaderboards = leaderboards;
    }

    @Override
    public Optional<PlayerPrincipal> findByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT player_id, hunt_id FROM player_view_token WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query((rs, n) -> new PlayerPrincipal(rs.getString(1), rs.getString(2)))
                .optional();
    }

    @Override
    public Revoked revokedAfter(Instant since) {
        return jdbc.sql("SELECT now(), ARRAY(SELECT token_hash FROM player_view_token_revocation WHERE revoked_at > ?)")
                .param(Timestamp.from(since))
                .query((rs, n) -> new Revoked(rs.getTimestamp(1).toInstant(), List.of((String[]) rs.getArray(2).getArray())))
                .single();
    }

    @Override
    public int forgetRevokedBefore(Duration age) {
        return jdbc.sql("DELETE FROM player_view_token_revocation WHERE revoked_at < now() - make_interval(secs => ?)")
                .param((double) age.toSeconds())
                .update();
    }

    public Optional<PlayerView> view(String huntId, String playerId, BoardView view) {
        Optional<Row> row = row(huntId, playerId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> team = leaderboards.teamOf(playerId);
        if (team.isPresent()) {
            return Optional.of(memberView(huntId, playerId, row.get(), team.get(), view));
        }
        List<PlayerView.Found> found = jdbc.sql("""
                        SELECT f.clue_id, f.at, f.points, c.live_index = f.global_index, h.first_finder_bonus
                        FROM lb_fact f JOIN lb_hunt h ON h.hunt_id = f.hunt_id
                        LEFT JOIN lb_clue_first c ON c.hunt_id = f.hunt_id AND c.clue_id = f.clue_id
                        WHERE f.player_id = :player AND f.kind = 'FIND' ORDER BY f.global_index""")
                .param("player", playerId)
                .query((rs, n) -> {
                    boolean first = rs.getBoolean(4);
                    return new PlayerView.Found(rs.getString(1), instant(rs.getTimestamp(2)),
                            rs.getInt(3) + (first ? rs.getInt(5) : 0), first, null);
                })
                .list();
        List<PlayerView.Hint> hints = jdbc.sql("""
                        SELECT clue_id, at, points FROM lb_fact
                        WHERE player_id = :player AND kind = 'HINT' ORDER BY global_index""")
                .param("player", playerId)
                .query((rs, n) -> new PlayerView.Hint(rs.getString(1), instant(rs.getTimestamp(2)), rs.getInt(3), null))
                .list();
        int[] attempts = attempts(playerId);
        Row r = row.get();
        return Optional.of(new PlayerView(playerId, huntId, r.handle(), r.score(),
                leaderboards.rankOf(playerId, view).orElse(null), r.disqualified(),
                leaderboards.frozenAt(huntId).isPresent(), found, attempts[0], attempts[1], hints));
    }

    private record Row(String handle, int score, boolean disqualified) {
    }

    /** A player's or a team's row of the board. */
    private Optional<Row> row(String huntId, String id) {
        return jdbc.sql("""
                        SELECT handle, live_score, disqualified FROM lb_player
                        WHERE player_id = :player AND hunt_id = :hunt""")
                .param("player", id).param("hunt", huntId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                .optional();
    }

    private int[] attempts(String playerId) {
        return jdbc.sql("SELECT wrong_attempts, refused_attempts FROM player_activity WHERE player_id = :player")
                .param("player", playerId)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional().orElse(new int[] {0, 0});
    }

    /** A team member's page: their team's score, rank, finds and hints, with who found and took what. */
    private PlayerView memberView(String huntId, String playerId, Row member, String teamId, BoardView view) {
        Row team = row(huntId, teamId).orElse(new Row("", 0, false));
        List<PlayerView.Member> members = leaderboards.members(List.of(teamId)).getOrDefault(teamId, List.of())
                .stream().map(m -> new PlayerView.Member(m.playerId(), m.handle())).toList();
        List<PlayerView.Found> found = jdbc.sql("""
                        SELECT f.clue_id, f.at, f.points, c.live_index = f.global_index, h.first_finder_bonus,
                               f.by_player, m.handle
                        FROM lb_fact f JOIN lb_hunt h ON h.hunt_id = f.hunt_id
                        LEFT JOIN lb_clue_first c ON c.hunt_id = f.hunt_id AND c.clue_id = f.clue_id
                        LEFT JOIN lb_team_member m ON m.player_id = f.by_player
                        WHERE f.player_id = :team AND f.kind = 'FIND' ORDER BY f.global_index""")
                .param("team", teamId)
                .query((rs, n) -> {
                    boolean first = rs.getBoolean(4);
                    return new PlayerView.Found(rs.getString(1), instant(rs.getTimestamp(2)),
                            rs.getInt(3) + (first ? rs.getInt(5) : 0), first,
                            new PlayerView.Member(rs.getString(6), rs.getString(7)));
                })
                .list();
        List<PlayerView.Hint> hints = jdbc.sql("""
                        SELECT f.clue_id, f.at, f.points, f.by_player, m.handle FROM lb_fact f
                        LEFT JOIN lb_team_member m ON m.player_id = f.by_player
                        WHERE f.player_id = :team AND f.kind = 'HINT' ORDER BY f.global_index""")
                .param("team", teamId)
                .query((rs, n) -> new PlayerView.Hint(rs.getString(1), instant(rs.getTimestamp(2)), rs.getInt(3),
                        new PlayerView.Member(rs.getString(4), rs.getString(5))))
                .list();
        int[] attempts = attempts(playerId);
        return new PlayerView(playerId, huntId, member.handle(), team.score(),
                leaderboards.rankOf(teamId, view).orElse(null), member.disqualified() || team.disqualified(),
                leaderboards.frozenAt(huntId).isPresent(), found, attempts[0], attempts[1], hints,
                new PlayerView.Team(teamId, team.handle(), team.disqualified(), members));
    }
}
