package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.instant;
import static io.veltrix.query.Projections.ts;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the leaderboard tables. Pages come straight off the rank indexes (no board is computed
 * per request); the ORDER BY clauses mirror {@link io.veltrix.api.scoring.RankKey#ORDER}. A
 * team-mode hunt's board holds its teams' rows only; a solo hunt's its players'.
 */
@Component
public class Leaderboards {

    /** Whether the hunt's board ranks teams: the rows a page shows have this team flag. */
    private static final String TEAM_MODE = "COALESCE((SELECT h.team_mode FROM lb_hunt h WHERE h.hunt_id = :hunt), false)";
    private static final String LIVE_PAGE = """
            SELECT player_id, handle, live_score, live_clues, live_last_scored, team FROM lb_player
            WHERE hunt_id = :hunt AND NOT disqualified AND team = %s
            ORDER BY live_score DESC, live_reached_at, registered_index
            LIMIT :limit OFFSET :offset""".formatted(TEAM_MODE);
    private static final String PUBLIC_PAGE = """
            SELECT player_id, handle, pub_score, pub_clues, pub_last_scored, team FROM lb_player
            WHERE hunt_id = :hunt AND NOT disqualified AND pub_visible AND team = %s
            ORDER BY pub_score DESC, pub_reached_at, registered_index
            LIMIT :limit OFFSET :offset""".formatted(TEAM_MODE);
    /** Every player with the live rank, disqualified ones last and unranked, filtered by a part of the handle. */
    private static final String ROSTER = """
            SELECT player_id, handle, live_score, live_clues, live_last_scored, disqualified, place, team, ranked_kind FROM (
              SELECT p.*, p.team = %s AS ranked_kind,
                     row_number() OVER (PARTITION BY team, disqualified
                                        ORDER BY live_score DESC, live_reached_at, registered_index) AS place
              FROM lb_player p WHERE hunt_id = :hunt) ranked
            WHERE strpos(lower(handle), lower(:search)) > 0
            ORDER BY NOT ranked_kind, disqualified, place
            LIMIT :limit OFFSET :offset""".formatted(TEAM_MODE);

    private final JdbcClient jdbc;

    public Leaderboards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<BoardLine> page(String huntId, BoardView view, int limit, int offset) {
        return rows(huntId, view, limit, offset).lines();
    }

    /** A page's lines, and whether they are teams' (an empty page says nothing either way). */
    record Rows(boolean teams, List<BoardLine> lines) {
    }

    Rows rows(String huntId, BoardView view, int limit, int offset) {
        int[] rank = {offset};
        boolean[] teams = {false};
        List<BoardLine> lines = jdbc.sql(view == BoardView.LIVE ? LIVE_PAGE : PUBLIC_PAGE)
                .param("hunt", huntId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> {
                    teams[0] = rs.getBoolean(6);
                    return new BoardLine(++rank[0], rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            instant(rs.getTimestamp(5)));
                })
                .list();
        return new Rows(teams[0], lines);
    }

    /** The hunt's players whose handle contains {@code search} (ignoring case; "" for all), in live order. */
    public List<RosterLine> roster(String huntId, String search, int limit, int offset) {
        return jdbc.sql(ROSTER)
                .param("hunt", huntId).param("search", search).param("limit", limit).param("offset", offset)
                .query((rs, n) -> {
                    boolean ranked = rs.getBoolean(9) && !rs.getBoolean(6);
                    return new RosterLine(ranked ? rs.getInt(7) : null, rs.getString(1), rs.getString(2),
                            rs.getInt(3), rs.getInt(4), instant(rs.getTimestamp(5)), rs.getBoolean(6), rs.getBoolean(8));
                })
                .list();
    }

    /** Whether the hunt is played in teams, as far as its board has seen. */
    public boolean teamMode(String huntId) {
        return jdbc.sql("SELECT team_mode FROM lb_hunt WHERE hunt_id = :hunt")
                .param("hunt", huntId).query(Boolean.class).optional().orElse(false);
    }

    /** A page of a team-mode hunt's board: the lines of {@link #page} with each team's current members. */
    public List<TeamBoardLine> teamPage(String huntId, BoardView view, int limit, int offset) {
        return withMembers(page(huntId, view, limit, offset));
    }

    /** Team lines: each with its team's current members. */
    List<TeamBoardLine> withMembers(List<BoardLine> lines) {
        Map<String, List<TeamBoardLine.Member>> members = members(lines.stream().map(BoardLine::playerId).toList());
        return lines.stream().map(l -> new TeamBoardLine(l.rank(), l.playerId(), l.handle(), l.score(), l.cluesFound(),
                l.lastScoredAt(), members.getOrDefault(l.playerId(), List.of()))).toList();
    }

    /** The current members of these teams, each team's in the order they joined. */
    public Map<String, List<TeamBoardLine.Member>> members(List<String> teamIds) {
        Map<String, List<TeamBoardLine.Member>> members = new HashMap<>();
        if (teamIds.isEmpty()) {
            return members;
        }
        jdbc.sql("""
                        SELECT team_id, player_id, handle FROM lb_team_member
                        WHERE team_id IN (:teams) AND removed_index < joined_index
                        ORDER BY team_id, joined_index""")
                .param("teams", teamIds)
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                            .add(new TeamBoardLine.Member(rs.getString(2), rs.getString(3)));
                });
        return members;
    }

    /** The team a player is a member of now, if any. */
    public Optional<String> teamOf(String playerId) {
        return jdbc.sql("SELECT team_id FROM lb_team_member WHERE player_id = :player AND removed_index < joined_index")
                .param("player", playerId).query(String.class).optional();
    }

    /** The freeze instant of a hunt's board, if frozen. */
    public Optional<Instant> frozenAt(String huntId) {
        return jdbc.sql("SELECT frozen_at FROM lb_hunt WHERE hunt_id = :hunt")
                .param("hunt", huntId)
                .query((rs, n) -> Optional.ofNullable(instant(rs.getTimestamp(1))))
                .optional().flatMap(o -> o);
    }

    /** Changes whenever a transaction touched the hunt's board; -1 for a board not started. */
    public long version(String huntId) {
        return jdbc.sql("SELECT version FROM lb_hunt WHERE hunt_id = :hunt")
                .param("hunt", huntId).query(Long.class).optional().orElse(-1L);
    }

    /** The finds the public board counts: clues found by its players (or teams), as of its freeze if frozen. */
    public int publicFinds(String huntId) {
        return jdbc.sql("""
                        SELECT coalesce(sum(pub_clues), 0) FROM lb_player
                        WHERE hunt_id = :hunt AND NOT disqualified AND pub_visible AND team = %s""".formatted(TEAM_MODE))
                .param("hunt", huntId).query(Integer.class).single();
    }

    /** The latest finds a view may show (before the freeze for the public). */
    public List<RecentFind> recentFinds(String huntId, Instant cutoff, int limit) {
        return jdbc.sql("""
                        SELECT p.handle, c.title, f.points, f.at FROM lb_fact f
                        JOIN lb_player p ON p.player_id = f.player_id
                        LEFT JOIN clue_summary c ON c.hunt_id = f.hunt_id AND c.clue_id = f.clue_id
                        WHERE f.hunt_id = :hunt AND f.kind = 'FIND' AND NOT p.disqualified
                          AND (CAST(:cutoff AS TIMESTAMPTZ) IS NULL OR f.at < :cutoff)
                        ORDER BY f.hunt_id, f.global_index DESC LIMIT :limit""")
                .param("hunt", huntId).param("cutoff", ts(cutoff), Types.TIMESTAMP).param("limit", limit)
                .query((rs, n) -> new RecentFind(rs.getString(1), rs.getString(2), rs.getInt(3),
                        instant(rs.getTimestamp(4))))
                .list();
    }

    /**
     * Writes every player of the hunt (every team of a team-mode hunt, with its members), live,
     * disqualified ones included (without a rank), as CSV (RFC 4180: quoted only where needed, CRLF
     * line ends). Text a player chose (handles, team names) never starts a cell with a character a
     * spreadsheet reads as the start of a formula: a quote mark goes in front.
     */
    public void writeCsv(String huntId, Writer out) throws IOException {
        boolean teams = teamMode(huntId);
        Map<String, List<TeamBoardLine.Member>> members = teams
                ? members(jdbc.sql("SELECT player_id FROM lb_player WHERE hunt_id = :hunt AND team")
                        .param("hunt", huntId).query(String.class).list())
                : Map.of();
        try (SequenceWriter rows = CSV_ROWS.writeValues(out)) {
            rows.write(teams ? List.of("rank", "teamId", "name", "score", "cluesFound", "lastScoredAt", "disqualified", "members")
                    : List.of("rank", "playerId", "handle", "score", "cluesFound", "lastScoredAt", "disqualified"));
            int[] rank = {0};
            jdbc.sql("""
                            SELECT player_id, handle, live_score, live_clues, live_last_scored, disqualified FROM lb_player
                            WHERE hunt_id = :hunt AND team = :teams
                            ORDER BY disqualified, live_score DESC, live_reached_at, registered_index""")
                    .param("hunt", huntId).param("teams", teams)
                    .query((ResultSet rs) -> {
                        boolean disqualified = rs.getBoolean(6);
                        Instant last = instant(rs.getTimestamp(5));
                        List<Object> row = new ArrayList<>(List.of(disqualified ? "" : Integer.toString(++rank[0]),
                                rs.getString(1), notAFormula(rs.getString(2)), rs.getInt(3), rs.getInt(4),
                                last == null ? "" : last.toString(), disqualified));
                        if (teams) {
                            row.add(notAFormula(String.join(" ", members.getOrDefault(rs.getString(1), List.of())
                                    .stream().map(TeamBoardLine.Member::handle).toList())));
                        }
                        try {
                            rows.write(row);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** CSV rows of plain values, each cell quoted only where its content needs it. */
    private static final ObjectWriter CSV_ROWS = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build()
            .writer(CsvSchema.emptySchema().withLineSeparator("\r\n"));

    /** A leading quote mark against spreadsheet formula injection (=, +, -, @, tab, carriage return). */
    static String notAFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
