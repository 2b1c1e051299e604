package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.forbidden;
import static io.veltrix.api.rule.RuleViolation.notFound;

import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import io.veltrix.command.hunt.JoinCodes;
import java.time.Duration;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registers players without a hunt-wide aggregate: the hunt-wide rules (join code, open for
 * registration, handle unique ignoring case and look-alikes, capacity) are checked against set-validation tables in the
 * same transaction that appends the new player's first event, so they hold exactly even across
 * command-service instances, and registrations only contend on one of several capacity stripes.
 */
@Component
public class RegistrationDesk {

    private static final long SEAT_POLL_MILLIS = 2;

    private final HuntDirectory hunts;
    private final JdbcClient jdbc;
    private final Repository<Player> players;
    private final Duration seatWait;

    public RegistrationDesk(HuntDirectory hunts, JdbcClient jdbc, Repository<Player> players,
                            @Value("${veltrix.registration.seat-wait:50ms}") Duration seatWait) {
        Handles.load();
        this.seatWait = seatWait;
        this.hunts = hunts;
        this.jdbc = jdbc;
        this.players = players;
    }

    @CommandHandler
    public PlayerId handle(RegisterPlayer command) throws Exception {
        HuntRules hunt = hunts.rules(command.huntId())
                .orElseThrow(() -> notFound("unknown-hunt", "hunt " + command.huntId() + " does not exist"));
        if (hunt.joinCodeHash() != null && !JoinCodes.matches(hunt.joinCodeHash(), command.joinCodeHash())) {
            throw forbidden("wrong-join-code", "this hunt takes registrations only with its join code (ask the organizers)");
        }
        if (!hunt.status().acceptsRegistrations()) {
            throw conflict("registration-closed", "registration is closed: the hunt is " + hunt.status());
        }
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
        if (hunt.maxPlayers() != null && !claimSeat(command.huntId().value())) {
            throw conflict("hunt-full", "the hunt is full (" + hunt.maxPlayers() + " players)");
        }
        players.newInstance(() -> new Player(command));
        return command.playerId();
    }

    /**
     * Takes one seat from any capacity stripe with room, never waiting on a lock: stripes locked
     * by concurrent registrations are skipped. When every stripe with room is locked, those
     * registrations are still deciding; poll until a seat frees up or the committed remaining
     * capacity is zero (the hunt is full), for at most {@code veltrix.registration.seat-wait}.
     */
    private boolean claimSeat(String huntId) {
        long deadline = System.nanoTime() + seatWait.toNanos();
        while (true) {
            int taken = jdbc.sql("""
                            UPDATE registration_slot SET remaining = remaining - 1
                            WHERE hunt_id = :hunt AND slot = (SELECT slot FROM registration_slot
                                                              WHERE hunt_id = :hunt AND remaining > 0
                                                              ORDER BY random() LIMIT 1 FOR UPDATE SKIP LOCKED)
                            """)
                    .param("hunt", huntId).update();
            if (taken == 1) {
                return true;
            }
            Integer remaining = jdbc.sql("SELECT COALESCE(SUM(remaining), 0)::int FROM registration_slot WHERE hunt_id = ?")
                    .param(huntId).query(Integer.class).single();
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
