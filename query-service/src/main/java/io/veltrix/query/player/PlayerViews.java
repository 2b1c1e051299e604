package io.veltrix.query.player;

import static io.veltrix.query.Projections.instant;

import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.security.RevocationLogPruner;
import io.veltrix.platform.security.TokenRevocations;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import io.veltrix.query.leaderboard.BoardRanks;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import java.util.ArrayList;
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
    private final BoardRanks ranks;

    public PlayerViews(JdbcClient jdbc, Leaderboards leaderboards, BoardRanks ranks) {
        this.jdbc = jdbc;
        this.leaderboards = leaderboards;
        this.ranks = ranks;
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

    /**
     * The view in two statements, sometimes three: the player's row with everything about it that
     * is one value (team, attempts, the hunt's freeze, where it stands and the board's version), and
     * their finds and hints; the rank comes from the order {@link BoardRanks} holds, which reads the
     * board's rows changed since only when that order is older than the row. A page that players
     * keep open is read often; seven statements, one connection borrowed for each, had cost the query
     * service ~4 CPU-ms a read.
     */
    public Optional<PlayerView> view(String huntId, String playerId, BoardView view) {
        Optional<Header> found = jdbc.sql("""
                        SELECT p.handle, p.live_score, p.disqualified,
                               (SELECT m.team_id FROM lb_team_member m
                                WHERE m.player_id = p.player_id AND m.removed_index < m.joined_index),
                               a.wrong_attempts, a.refused_attempts, h.frozen_at IS NOT NULL, %s
                        FROM lb_player p
                        LEFT JOIN player_activity a ON a.player_id = p.player_id
                        LEFT JOIN lb_hunt h ON h.hunt_id = p.hunt_id
                        WHERE p.player_id = :player AND p.hunt_id = :hunt""".formatted(BoardRanks.STANDING_COLUMNS))
                .param("player", playerId).param("hunt", huntId)
                .query((rs, n) -> new Header(new Row(rs.getString(1), rs.getInt(2), rs.getBoolean(3)), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(7), BoardRanks.Standing.read(rs, 8)))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Header header = found.get();
        if (header.teamId() != null) {
            return Optional.of(memberView(huntId, playerId, header, view));
        }
        List<PlayerView.Found> finds = new ArrayList<>();
        List<PlayerView.Hint> hints = new ArrayList<>();
        jdbc.sql("""
                        SELECT f.kind, f.clue_id, f.at, f.points, c.live_index = f.global_index, h.first_finder_bonus
                        FROM lb_fact f LEFT JOIN lb_hunt h ON h.hunt_id = f.hunt_id
                        LEFT JOIN lb_clue_first c ON c.hunt_id = f.hunt_id AND c.clue_id = f.clue_id
                        WHERE f.player_id = :player
                          AND (f.kind = 'HINT' OR (f.kind = 'FIND' AND h.hunt_id IS NOT NULL))
                        ORDER BY f.global_index""")
                .param("player", playerId)
                .query(rs -> {
                    if ("HINT".equals(rs.getString(1))) {
                        hints.add(new PlayerView.Hint(rs.getString(2), instant(rs.getTimestamp(3)), rs.getInt(4), null));
                    } else {
                        boolean first = rs.getBoolean(5);
                        finds.add(new PlayerView.Found(rs.getString(2), instant(rs.getTimestamp(3)),
                                rs.getInt(4) + (first ? rs.getInt(6) : 0), first, null));
                    }
                });
        Row r = header.row();
        Integer rank = ranks.rank(huntId, view, header.standing()).orElse(null);
        return Optional.of(new PlayerView(playerId, huntId, r.handle(), r.score(), rank, r.disqualified(),
                header.frozen(), finds, header.wrongAttempts(), header.refusedAttempts(), hints));
    }

    private record Row(String handle, int score, boolean disqualified) {
    }

    /** What the view's first statement reads: the player's row, team, attempts, the hunt's freeze and where the row stands. */
    private record Header(Row row, String teamId, int wrongAttempts, int refusedAttempts, boolean frozen,
                          BoardRanks.Standing standing) {
    }

    /** A team's row of the board, with where it stands. */
    private record TeamRow(Row row, BoardRanks.Standing standing) {
    }

    private Optional<TeamRow> teamRow(String huntId, String teamId) {
        return jdbc.sql("SELECT p.handle, p.live_score, p.disqualified, " + BoardRanks.STANDING_COLUMNS + BoardRanks.STANDING_ROWS
                        + " WHERE p.player_id = :team AND p.hunt_id = :hunt")
                .param("team", teamId).param("hunt", huntId)
                .query((rs, n) -> new TeamRow(new Row(rs.getString(1), rs.getInt(2), rs.getBoolean(3)),
                        BoardRanks.Standing.read(rs, 4)))
                .optional();
    }

    /** A team member's page: their team's score, rank, finds and hints, with who found and took what. */
    private PlayerView memberView(String huntId, String playerId, Header header, BoardView view) {
        Row member = header.row();
        String teamId = header.teamId();
        Optional<TeamRow> teamRow = teamRow(huntId, teamId);
        Row team = teamRow.map(TeamRow::row).orElse(new Row("", 0, false));
        Integer rank = teamRow.flatMap(t -> ranks.rank(huntId, view, t.standing())).orElse(null);
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
        return new PlayerView(playerId, huntId, member.handle(), team.score(),
                rank, member.disqualified() || team.disqualified(),
                header.frozen(), found, header.wrongAttempts(), header.refusedAttempts(), hints,
                new PlayerView.Team(teamId, team.handle(), team.disqualified(), members));
    }
}
