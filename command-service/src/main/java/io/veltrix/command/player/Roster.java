package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.conflict;

import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.api.team.TeamId;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import io.veltrix.command.hunt.HuntTables;
import java.time.Duration;
import java.util.Set;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hunt-wide claims of a registration, solo or into a team: a handle (or a team name) unique
 * ignoring case and look-alikes, and a seat under a cap (maxPlayers, maxTeams). Each is a row of a
 * set-validation table written in the transaction that appends the registration's events, so the
 * rules hold exactly across command-service instances, without a hunt-wide aggregate: claims only
 * contend on one of several capacity stripes.
 */
@Component
public class Roster {

    private static final long SEAT_POLL_MILLIS = 2;

    private final JdbcClient jdbc;
    private final Repository<Player> players;
    private final Duration seatWait;

    public Roster(JdbcClient jdbc, Repository<Player> players,
                  @Value("${veltrix.registration.seat-wait:50ms}") Duration seatWait) {
        Handles.load();
        this.jdbc = jdbc;
        this.players = players;
        this.seatWait = seatWait;
    }

    /**
     * Registers a player once the hunt's own rules (join code, open for registration) hold: claims
     * the handle and, in a capped hunt, a player seat, then creates the player. 409 when the handle
     * is taken or the hunt full.
     */
    public void enrol(HuntRules hunt, RegisterPlayer command) throws Exception {
        Set<String> keys = Handles.keys(command.handle());
        int claimed = jdbc.sql("""
                        INSERT INTO player_handle (hunt_id, handle_key, player_id)
                        SELECT ?, key, ? FROM unnest(?::text[]) AS key
                        ON CONFLICT (hunt_id, handle_key) DO NOTHING
                        """)
                .params(command.huntId().value(), command.playerId().value(), keys.toArray(String[]::new))
                .update();
        if (claimed < keys.size()) {
            throw conflict("handle-taken", "the handle '" + command.handle() + "' is already taken in this hunt");
        }
        if (hunt.maxPlayers() != null && !claimSeat(command.huntId().value(), HuntTables.PLAYERS)) {
            throw conflict("hunt-full", "the hunt is full (" + hunt.maxPlayers() + " players)");
        }
        players.newInstance(() -> new Player(command));
    }

    /** Claims a team's name and, in a hunt with maxTeams, a team seat; 409 when taken or full. */
    public void claimTeam(HuntRules hunt, TeamId teamId, String name) {
        Set<String> keys = Handles.keys(name);
        int claimed = jdbc.sql("""
                        INSERT INTO team_name (hunt_id, name_key, team_id)
                        SELECT ?, key, ? FROM unnest(?::text[]) AS key
                        ON CONFLICT (hunt_id, name_key) DO NOTHING
                        """)
                .params(hunt.huntId().value(), teamId.value(), keys.toArray(String[]::new))
                .update();
        if (claimed < keys.size()) {
            throw conflict("team-name-taken", "the team name '" + name + "' is already taken in this hunt");
        }
        if (hunt.maxTeams() != null && !claimSeat(hunt.huntId().value(), HuntTables.TEAMS)) {
            throw conflict("hunt-full-of-teams", "the hunt has all its teams (" + hunt.maxTeams() + ")");
        }
    }

    /** Gives a removed player's handle and seat back to the hunt. */
    public void release(HuntRules hunt, PlayerId playerId) {
        jdbc.sql("DELETE FROM player_handle WHERE hunt_id = ? AND player_id = ?")
                .params(hunt.huntId().value(), playerId.value()).update();
        if (hunt.maxPlayers() != null) {
            // any stripe will do: only the sum of remaining counts
            jdbc.sql("""
                            UPDATE registration_slot SET remaining = remaining + 1
                            WHERE hunt_id = :hunt AND pool = :pool
                              AND slot = (SELECT min(slot) FROM registration_slot WHERE hunt_id = :hunt AND pool = :pool)
                            """)
                    .param("hunt", hunt.huntId().value()).param("pool", HuntTables.PLAYERS).update();
        }
    }

    /** Whether an organizer disqualified this team member (and did not reinstate them). */
    public boolean disqualified(PlayerId member) {
        return jdbc.sql("SELECT disqualified FROM team_member WHERE player_id = ?")
                .param(member.value()).query(Boolean.class).optional().orElse(false);
    }

    /**
     * Takes one seat of a pool from any capacity stripe with room, never waiting on a lock: stripes
     * locked by concurrent registrations are skipped. When every stripe with room is locked, those
     * registrations are still deciding; poll until a seat frees up or the committed remaining
     * capacity is zero (the pool is full), for at most {@code veltrix.registration.seat-wait}.
     */
    private boolean claimSeat(String huntId, String pool) {
        long deadline = System.nanoTime() + seatWait.toNanos();
        while (true) {
            int taken = jdbc.sql("""
                            UPDATE registration_slot SET remaining = remaining - 1
                            WHERE hunt_id = :hunt AND pool = :pool
                              AND slot = (SELECT slot FROM registration_slot
                                          WHERE hunt_id = :hunt AND pool = :pool AND remaining > 0
                                          ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED)
                            """)
                    .param("hunt", huntId).param("pool", pool).update();
            if (taken == 1) {
                return true;
            }
            Integer remaining = jdbc.sql("""
                            SELECT COALESCE(SUM(remaining), 0)::int FROM registration_slot WHERE hunt_id = ? AND pool = ?
                            """)
                    .params(huntId, pool).query(Integer.class).single();
            if (remaining == 0) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                // Every stripe with room is locked by registrations still deciding. This one may hold
                // stripes itself (a group commit's batch takes several): waiting on could wait on a
                // batch that waits on us. Give up this attempt; it is run again on its own.
                throw new PessimisticLockingFailureException("every capacity stripe with room is locked by others");
            }
            try {
                Thread.sleep(SEAT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a seat", e);
            }
        }
    }
}
