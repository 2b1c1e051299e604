package io.veltrix.command.hunt;

import io.veltrix.api.hunt.EndHunt;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.StartHunt;
import io.veltrix.api.rule.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts and ends timed hunts at their startsAt / endsAt. The deadlines live in the database
 * (hunt_state), so they survive restarts; any instance may act, and the hunt aggregate refuses a
 * transition that another instance already made.
 *
 * <p>Not Axon's deadline manager (on db-scheduler or Quartz): it would keep a second copy of each
 * hunt's times in its own table, to be rescheduled whenever they change, and poll that table
 * instead of this one; the times are already in {@code hunt_state}, and an indexed query a second
 * per instance is all it takes.
 */
@Component
public class HuntClock {

    static final String SCHEDULER = "scheduler";
    private static final Logger log = LoggerFactory.getLogger(HuntClock.class);

    private final JdbcClient jdbc;
    private final CommandGateway commands;

    public HuntClock(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @Scheduled(fixedDelayString = "${veltrix.hunt-clock.interval:1s}")
    public void tick() {
        jdbc.sql("SELECT hunt_id FROM hunt_state WHERE status = 'PUBLISHED' AND starts_at <= now()"
                        + " AND (ends_at IS NULL OR ends_at > now())")
                .query(String.class).list()
                .forEach(hunt -> send(new StartHunt(new HuntId(hunt), SCHEDULER), hunt, "started"));
        jdbc.sql("SELECT hunt_id FROM hunt_state WHERE status IN ('PUBLISHED', 'RUNNING') AND ends_at <= now()")
                .query(String.class).list()
                .forEach(hunt -> send(new EndHunt(new HuntId(hunt), SCHEDULER), hunt, "ended"));
    }

    private void send(Object command, String huntId, String what) {
        try {
            commands.sendAndWait(command);
            log.info("hunt {} {} on schedule", huntId, what);
        } catch (RuleViolation raced) {
            log.debug("hunt {} was not {} by the clock: {}", huntId, what, raced.getMessage());
        }
    }
}
