package io.veltrix.query.player;

import static io.veltrix.query.Projections.instant;

import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.security.TokenRevocations;
import java.sql.Timestamp;
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
public class PlayerViews implements PlayerTokens, TokenRevocations {

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

    public Optional<PlayerView> view(String huntId, String playerId, BoardView view) {
        record Row(String handle, int score, boolean disqualified) {
        }
        Optional<Row> row = jdbc.sql("""
                        SELECT handle, live_score, disqualified FROM lb_player
                        WHERE player_id = :player AND hunt_id = :hunt""")
                .param("player", playerId).param("hunt", huntId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
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
                            rs.getInt(3) + (first ? rs.getInt(5) : 0), first);
                })
                .list();
        List<PlayerView.Hint> hints = jdbc.sql("""
                        SELECT clue_id, at, points FROM lb_fact
                        WHERE player_id = :player AND kind = 'HINT' ORDER BY global_index""")
                .param("player", playerId)
                .query((rs, n) -> new PlayerView.Hint(rs.getString(1), instant(rs.getTimestamp(2)), rs.getInt(3)))
                .list();
        int[] attempts = jdbc.sql("SELECT wrong_attempts, refused_attempts FROM player_activity WHERE player_id = :player")
                .param("player", playerId)
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional().orElse(new int[] {0, 0});
        Row r = row.get();
        return Optional.of(new PlayerView(playerId, huntId, r.handle(), r.score(),
                leaderboards.rankOf(playerId, view).orElse(null), r.disqualified(),
                leaderboards.frozenAt(huntId).isPresent(), found, attempts[0], attempts[1], hints));
    }
}
