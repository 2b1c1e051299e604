package io.veltrix.query.hunt;

import static io.veltrix.query.Projections.ts;

import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.hunt.JoinCodeChanged;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.hunt.WrongAnswersSurged;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.query.Projections;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hunt summaries: status, times, rules, counts, and the clues as players may see them (no answers),
 * with, for staff, the hint texts and the minutes each clue drew wrong answers at an abnormal rate.
 */
@Component
@ProcessingGroup(Projections.HUNT_SUMMARY)
class HuntSummaryProjection {

    private static final String REGISTRATIONS = HuntSummaryProjection.class.getName() + ".registrations";

    private final JdbcClient jdbc;

    HuntSummaryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(HuntCreated e, @Timestamp Instant at) {
        Projections.checkId(e.huntId().value());
        jdbc.sql("""
                        INSERT INTO hunt_summary (hunt_id, name, status, starts_at, ends_at, max_players,
                                                  first_finder_bonus, max_wrong_attempts, lockout_window_seconds,
                                                  created_at, join_code_required)
                        VALUES (:hunt, :name, :status, :startsAt, :endsAt, :maxPlayers, :bonus, :maxWrong, :window,
                                :at, :joinCode)
                        ON CONFLICT (hunt_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
                            starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
                            max_players = EXCLUDED.max_players, first_finder_bonus = EXCLUDED.first_finder_bonus,
                            max_wrong_attempts = EXCLUDED.max_wrong_attempts,
                            lockout_window_seconds = EXCLUDED.lockout_window_seconds,
                            created_at = EXCLUDED.created_at, join_code_required = EXCLUDED.join_code_required""")
                .param("hunt", e.huntId().value())
                .param("name", e.name())
                .param("status", HuntStatus.DRAFT.name())
                .param("startsAt", ts(e.startsAt()))
                .param("endsAt", ts(e.endsAt()))
                .param("maxPlayers", e.maxPlayers())
                .param("bonus", e.firstFinderBonus())
                .param("maxWrong", e.maxWrongAttempts())
                .param("window", e.lockoutWindowSeconds())
                .param("at", ts(at))
                .param("joinCode", e.joinCodeHash() != null)
                .update();
    }

    @EventHandler
    void on(ClueAdded e) {
        Projections.checkId(e.huntId().value());
        Projections.checkId(e.clueId().value());
        int added = jdbc.sql("""
                            INSERT INTO clue_summary (hunt_id, clue_id, position, title, riddle, points, has_hint,
                                                      hint_penalty, hint)
                            VALUES (:hunt, :clue,
                                    (SELECT COALESCE(max(position), 0) FROM clue_summary WHERE hunt_id = :hunt) + 1,
                                    :title, :riddle, :points, :hasHint, :penalty, :hint)
                            ON CONFLICT (hunt_id, clue_id) DO NOTHING""")
                    .param("hunt", e.huntId().value())
                    .param("clue", e.clueId().value())
                    .param("title", e.title())
                    .param("riddle", e.riddle())
                    .param("points", e.points())
                    .param("hasHint", e.hint() != null && !e.hint().isBlank())
                    .param("penalty", e.hintPenalty())
                    .param("hint", e.hint())
                    .update();
        jdbc.sql("UPDATE hunt_summary SET clue_count = clue_count + :added WHERE hunt_id = :hunt")
                    .param("added", added)
                    .param("hunt", e.huntId().value())
                    .update();
    }

    @EventHandler
    void on(HuntEdited e) {
        jdbc.sql("""
                        UPDATE hunt_summary SET name = :name, starts_at = :startsAt, ends_at = :endsAt,
                            max_players = :maxPlayers, first_finder_bonus = :bonus,
                            max_wrong_attempts = :maxWrong, lockout_window_seconds = :window
                        WHERE hunt_id = :hunt""")
                .param("name", e.name())
                .param("startsAt", ts(e.startsAt()))
                .param("endsAt", ts(e.endsAt()))
                .param("maxPlayers", e.maxPlayers())
                .param("bonus", e.firstFinderBonus())
                .param("maxWrong", e.maxWrongAttempts())
                .param("window", e.lockoutWindowSeconds())
                .param("hunt", e.huntId().value())
                .update();
    }

    /** The clue keeps its place in the list. */
    @EventHandler
    void on(ClueEdited e) {
        jdbc.sql("""
                        UPDATE clue_summary SET title = :title, riddle = :riddle, points = :points,
                            has_hint = :hasHint, hint_penalty = :penalty, hint = :hint
                        WHERE hunt_id = :hunt AND clue_id = :clue""")
                .param("title", e.title())
                .param("riddle", e.riddle())
                .param("points", e.points())
                .param("hasHint", e.hint() != null && !e.hint().isBlank())
                .param("penalty", e.hintPenalty())
                .param("hint", e.hint())
                .param("hunt", e.huntId().value())
                .param("clue", e.clueId().value())
                .update();
    }

    @EventHandler
    void on(ClueRemoved e) {
        int removed = jdbc.sql("DELETE FROM clue_summary WHERE hunt_id = :hunt AND clue_id = :clue")
                .param("hunt", e.huntId().value())
                .param("clue", e.clueId().value())
                .update();
        jdbc.sql("UPDATE hunt_summary SET clue_count = clue_count - :removed WHERE hunt_id = :hunt")
                .param("removed", removed)
                .param("hunt", e.huntId().value())
                .update();
    }

    @EventHandler
    void on(HuntPublished e, @Timestamp Instant at) {
        status(e.huntId().value(), HuntStatus.PUBLISHED, "UPDATE hunt_summary SET status = :status, published_at = :at WHERE hunt_id = :hunt", at);
    }

    @EventHandler
    void on(HuntStarted e, @Timestamp Instant at) {
        status(e.huntId().value(), HuntStatus.RUNNING, "UPDATE hunt_summary SET status = :status, started_at = :at WHERE hunt_id = :hunt", at);
    }

    @EventHandler
    void on(HuntEnded e, @Timestamp Instant at) {
        status(e.huntId().value(), HuntStatus.ENDED, "UPDATE hunt_summary SET status = :status, ended_at = :at WHERE hunt_id = :hunt", at);
    }

    private void status(String huntId, HuntStatus status, String sql, Instant at) {
        jdbc.sql(sql)
                .param("status", status.name())
                .param("at", ts(at))
                .param("hunt", huntId)
                .update();
    }

    @EventHandler
    void on(ScoreboardFrozen e) {
        jdbc.sql("UPDATE hunt_summary SET frozen_at = :at WHERE hunt_id = :hunt")
                .param("at", ts(e.at()))
                .param("hunt", e.huntId().value())
                .update();
    }

    @EventHandler
    void on(JoinCodeChanged e) {
        jdbc.sql("UPDATE hunt_summary SET join_code_required = :required WHERE hunt_id = :hunt")
                .param("required", e.joinCodeHash() != null)
                .param("hunt", e.huntId().value())
                .update();
    }

    @EventHandler
    void on(WrongAnswersSurged e, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE clue_summary SET wrong_answer_surges = wrong_answer_surges + 1,
                            peak_wrong_per_minute = GREATEST(peak_wrong_per_minute, :rate),
                            last_wrong_answer_surge_at = :at
                        WHERE hunt_id = :hunt AND clue_id = :clue""")
                .param("rate", e.wrongPerMinute())
                .param("at", ts(at))
                .param("hunt", e.huntId().value())
                .param("clue", e.clueId().value())
                .update();
    }

    @EventHandler
    void on(TeamModeSet e) {
        jdbc.sql("UPDATE hunt_summary SET team_size = :size, max_teams = :cap WHERE hunt_id = :hunt")
                .param("size", e.teamSize()).param("cap", e.maxTeams()).param("hunt", e.huntId().value())
                .update();
    }

    /** May come before HuntCreated (another segment), as registrations. */
    @EventHandler
    void on(TeamCreated e) {
        jdbc.sql("""
                        INSERT INTO hunt_summary (hunt_id, team_count) VALUES (:hunt, 1)
                        ON CONFLICT (hunt_id) DO UPDATE SET team_count = hunt_summary.team_count + 1""")
                .param("hunt", Projections.checkId(e.huntId().value()))
                .update();
    }

    /** A removed member plays no more: the hunt counts one player less. */
    @EventHandler
    void on(TeamMemberRemoved e) {
        addPlayers(Map.of(Projections.checkId(e.huntId().value()), -1));
    }

    @EventHandler
    void on(PlayerRegistered e) {
        // Thousands register within seconds: a batch adds its count to each hunt with one statement.
        Map<String, Integer> counts = Projections.batchBuffer(REGISTRATIONS, TreeMap::new, this::addPlayers);
        counts.merge(Projections.checkId(e.huntId().value()), 1, Integer::sum);
    }

    /** May come before HuntCreated (another segment): the row then starts with just the count. */
    private void addPlayers(Map<String, Integer> counts) {
        counts.forEach((hunt, added) -> jdbc.sql("""
                        INSERT INTO hunt_summary (hunt_id, player_count) VALUES (:hunt, :added)
                        ON CONFLICT (hunt_id) DO UPDATE SET player_count = hunt_summary.player_count + :added""")
                .param("hunt", hunt).param("added", added)
                .update());
    }

    @ResetHandler
    void reset() {
        Projections.empty(jdbc, "clue_summary", "hunt_summary");
    }
}
