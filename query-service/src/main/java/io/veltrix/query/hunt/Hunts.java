package io.veltrix.query.hunt;

import static io.veltrix.query.Projections.instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the hunt summaries. Drafts and the clues' wrong-answer alerts are shown to staff only. */
@Component
public class Hunts {

    private static final String COLUMNS = """
            SELECT hunt_id, name, status, starts_at, ends_at, max_players, first_finder_bonus, player_count,
                   clue_count, created_at, published_at, started_at, ended_at, frozen_at, join_code_required,
                   team_size, max_teams, team_count, max_wrong_attempts, lockout_window_seconds
            FROM hunt_summary""";

    private final JdbcClient jdbc;
    /** Hunts never disappear, so a hunt once seen is remembered; unknown ones are asked again. */
    private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(10_000).build();

    public Hunts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the hunt exists (drafts included), cheaply for hot paths. */
    public boolean exists(String huntId) {
        if (known.getIfPresent(huntId) != null) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM hunt_summary WHERE hunt_id = :hunt AND name IS NOT NULL)")
                .param("hunt", huntId).query(Boolean.class).single();
        if (exists) {
            known.put(huntId, Boolean.TRUE);
        }
        return exists;
    }

    /**
     * Published hunts, with every draft when {@code allDrafts}, else with the drafts that
     * {@code draftsOf} organizes (none when null).
     */
    public List<HuntSummary> list(boolean allDrafts, String draftsOf, int limit, int offset) {
        return jdbc.sql(COLUMNS + """
                         WHERE name IS NOT NULL AND (:drafts OR status <> 'DRAFT'
                               OR hunt_id IN (SELECT hunt_id FROM hunt_staff WHERE username = :organizer))
                        ORDER BY created_at DESC, hunt_id LIMIT :limit OFFSET :offset""")
                .param("drafts", allDrafts).param("organizer", draftsOf).param("limit", limit).param("offset", offset)
                .query(Hunts::summary).list();
    }

    public Optional<HuntSummary> find(String huntId, boolean staff) {
        return jdbc.sql(COLUMNS + " WHERE hunt_id = :hunt AND name IS NOT NULL AND (:drafts OR status <> 'DRAFT')")
                .param("hunt", huntId).param("drafts", staff)
                .query(Hunts::summary).optional()
                .map(h -> h.withClues(jdbc.sql("""
                                SELECT clue_id, title, riddle, points, has_hint, hint_penalty, wrong_answer_surges,
                                       peak_wrong_per_minute, last_wrong_answer_surge_at, hint
                                FROM clue_summary WHERE hunt_id = :hunt ORDER BY position""")
                        .param("hunt", huntId)
                        .query((rs, n) -> new HuntSummary.ClueSummary(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getInt(6),
                                staff ? rs.getInt(7) : null, staff ? (Integer) rs.getObject(8) : null,
                                staff ? instant(rs.getTimestamp(9)) : null, staff ? rs.getString(10) : null))
                        .list()));
    }

    private static HuntSummary summary(ResultSet rs, int row) throws SQLException {
        Object maxPlayers = rs.getObject(6);
        Integer teamSize = (Integer) rs.getObject(16);
        return new HuntSummary(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)), maxPlayers == null ? null : ((Number) maxPlayers).intValue(),
                rs.getInt(7), (Integer) rs.getObject(19), (Integer) rs.getObject(20), rs.getBoolean(15), rs.getInt(8), rs.getInt(9), instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)), teamSize, (Integer) rs.getObject(17),
                teamSize == null ? null : rs.getInt(18), null);
    }
}
