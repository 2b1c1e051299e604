package io.veltrix.command.hunt;

import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.hunt.HuntOrganizerRemoved;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.hunt.JoinCodeChanged;
import io.veltrix.api.hunt.TeamModeSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the command side's hunt tables in step with hunt events, in the append's own
 * transaction (subscribing processor "command-tables"); a write to a hunt's row makes the
 * transaction read its rules again ({@link HuntDirectory#rules}).
 */
@Component
@ProcessingGroup("command-tables")
public class HuntTables {

    /** The capacity pool of maxPlayers. */
    public static final String PLAYERS = "players";
    /** The capacity pool of maxTeams. */
    public static final String TEAMS = "teams";

    private final JdbcClient jdbc;
    private final int capacityStripes;

    public HuntTables(JdbcClient jdbc, @Value("${veltrix.registration.capacity-stripes:32}") int capacityStripes) {
        this.jdbc = jdbc;
        this.capacityStripes = capacityStripes;
    }

    @EventHandler
    void on(HuntCreated event) {
        jdbc.sql("""
                INSERT INTO hunt_state (hunt_id, status, max_players, max_wrong_attempts, lockout_window_seconds,
                                        starts_at, ends_at, join_code_hash)
                VALUES (:hunt, :status, :maxPlayers, :maxWrong, :window, :startsAt, :endsAt, :joinCodeHash)
                """)
                .param("hunt", event.huntId().value())
                .param("status", HuntStatus.DRAFT.name())
                .param("maxPlayers", event.maxPlayers())
                .param("maxWrong", event.maxWrongAttempts())
                .param("window", event.lockoutWindowSeconds())
                .param("startsAt", timestamp(event.startsAt()))
                .param("endsAt", timestamp(event.endsAt()))
                .param("joinCodeHash", event.joinCodeHash())
                .update();
        HuntDirectory.forgetRules(event.huntId().value());
        organizer(event.huntId().value(), event.organizer());
        if (event.maxPlayers() != null) {
            stripe(event.huntId().value(), PLAYERS, event.maxPlayers());
        }
    }

    /** A draft has no registrations yet, so its capacity stripes are simply laid out again. */
    @EventHandler
    void on(HuntEdited event) {
        jdbc.sql("""
                UPDATE hunt_state SET max_players = :maxPlayers, max_wrong_attempts = :maxWrong,
                                      lockout_window_seconds = :window, starts_at = :startsAt, ends_at = :endsAt
                WHERE hunt_id = :hunt
                """)
                .param("hunt", event.huntId().value())
                .param("maxPlayers", event.maxPlayers())
                .param("maxWrong", event.maxWrongAttempts())
                .param("window", event.lockoutWindowSeconds())
                .param("startsAt", timestamp(event.startsAt()))
                .param("endsAt", timestamp(event.endsAt()))
                .update();
        HuntDirectory.forgetRules(event.huntId().value());
        jdbc.sql("DELETE FROM registration_slot WHERE hunt_id = ? AND pool = ?")
                .params(event.huntId().value(), PLAYERS)
                .update();
        if (event.maxPlayers() != null) {
            stripe(event.huntId().value(), PLAYERS, event.maxPlayers());
        }
    }

    @EventHandler
    void on(TeamModeSet event) {
        jdbc.sql("UPDATE hunt_state SET team_size = ?, max_teams = ? WHERE hunt_id = ?")
                .params(event.teamSize(), event.maxTeams(), event.huntId().value())
                .update();
        HuntDirectory.forgetRules(event.huntId().value());
        if (event.maxTeams() != null) {
            stripe(event.huntId().value(), TEAMS, event.maxTeams());
        }
    }

    /** Splits a cap over capacity stripes of one pool. */
    private void stripe(String huntId, String pool, int cap) {
        int stripes = Math.min(capacityStripes, cap);
        for (int slot = 0; slot < stripes; slot++) {
            int remaining = cap / stripes + (slot < cap % stripes ? 1 : 0);
            jdbc.sql("INSERT INTO registration_slot (hunt_id, pool, slot, remaining) VALUES (?, ?, ?, ?)")
                    .params(huntId, pool, slot, remaining)
                    .update();
        }
    }

    @EventHandler
    void on(ClueAdded event) {
        jdbc.sql("""
                INSERT INTO hunt_clue (hunt_id, clue_id, points, hint, hint_penalty, salt, answer_hashes)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(event.huntId().value(), event.clueId().value(), event.points(), event.hint(),
                        event.hintPenalty(), event.salt(), event.answerHashes().toArray(String[]::new))
                .update();
    }

    /** Answers not replaced keep their salt and hashes. */
    @EventHandler
    void on(ClueEdited event) {
        jdbc.sql("UPDATE hunt_clue SET points = ?, hint = ?, hint_penalty = ? WHERE hunt_id = ? AND clue_id = ?")
                .params(event.points(), event.hint(), event.hintPenalty(), event.huntId().value(), event.clueId().value())
                .update();
        if (event.answerHashes() != null) {
            jdbc.sql("UPDATE hunt_clue SET salt = ?, answer_hashes = ? WHERE hunt_id = ? AND clue_id = ?")
                    .params(event.salt(), event.answerHashes().toArray(String[]::new), event.huntId().value(),
                            event.clueId().value())
                    .update();
        }
    }

    @EventHandler
    void on(ClueRemoved event) {
        jdbc.sql("DELETE FROM hunt_clue WHERE hunt_id = ? AND clue_id = ?")
                .params(event.huntId().value(), event.clueId().value())
                .update();
    }

    @EventHandler
    void on(HuntOrganizerAdded event) {
        organizer(event.huntId().value(), event.username());
    }

    @EventHandler
    void on(HuntOrganizerRemoved event) {
        jdbc.sql("DELETE FROM hunt_organizer WHERE hunt_id = ? AND username = ?")
                .params(event.huntId().value(), event.username())
                .update();
    }

    private void organizer(String huntId, String username) {
        jdbc.sql("INSERT INTO hunt_organizer (hunt_id, username) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(huntId, username)
                .update();
    }

    @EventHandler
    void on(JoinCodeChanged event) {
        jdbc.sql("UPDATE hunt_state SET join_code_hash = ? WHERE hunt_id = ?")
                .params(event.joinCodeHash(), event.huntId().value())
                .update();
        HuntDirectory.forgetRules(event.huntId().value());
    }

    @EventHandler
    void on(HuntPublished event) {
        status(event.huntId().value(), HuntStatus.PUBLISHED);
    }

    @EventHandler
    void on(HuntStarted event) {
        status(event.huntId().value(), HuntStatus.RUNNING);
    }

    @EventHandler
    void on(HuntEnded event) {
        status(event.huntId().value(), HuntStatus.ENDED);
    }

    private void status(String huntId, HuntStatus status) {
        jdbc.sql("UPDATE hunt_state SET status = ? WHERE hunt_id = ?").params(status.name(), huntId).update();
        HuntDirectory.forgetRules(huntId);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
