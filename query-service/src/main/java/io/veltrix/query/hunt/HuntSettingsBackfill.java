package io.veltrix.query.hunt;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills, once at start, what hunt summaries projected before query V13 lack: the lockout rule and
 * the clues' hint texts, read from each hunt's own event stream (deserialized and upcast as the
 * projection reads it). Without it a draft's edit form showed those fields empty and saving it
 * cleared them, and the staff view of any older hunt lacked them, until someone replayed the
 * projection.
 *
 * <p>Never older over newer: the hunt's summary row is locked before its stream is read, so any
 * event the projection applied to it is in what is read, and any event after waits for the lock
 * and then overwrites with its own values; and only columns still null are filled. A hunt summary
 * created since V13 always has its lockout rule, so a hunt stays a candidate only until filled.
 */
@Component
public class HuntSettingsBackfill {

    private static final Logger log = LoggerFactory.getLogger(HuntSettingsBackfill.class);

    private final JdbcClient jdbc;
    private final EventStore events;
    private final TransactionTemplate transaction;

    HuntSettingsBackfill(JdbcClient jdbc, EventStore events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        int filled = fillHuntsMissingSettings();
        if (filled > 0) {
            log.info("filled the lockout rule and hint texts of {} hunt(s) projected before they were kept", filled);
        }
    }

    /** Fills every hunt that lacks the settings; answers how many it changed. A failed hunt is left for the next start. */
    public int fillHuntsMissingSettings() {
        int filled = 0;
        for (String huntId : candidates()) {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> fill(huntId)))) {
                    filled++;
                }
            } catch (RuntimeException e) {
                log.warn("could not fill the settings of hunt {} from its events; the next start tries again", huntId, e);
            }
        }
        return filled;
    }

    private List<String> candidates() {
        return jdbc.sql("""
                        SELECT h.hunt_id FROM hunt_summary h
                        WHERE (h.max_wrong_attempts IS NULL OR h.lockout_window_seconds IS NULL
                               OR EXISTS (SELECT 1 FROM clue_summary c
                                          WHERE c.hunt_id = h.hunt_id AND c.has_hint AND c.hint IS NULL))
                        ORDER BY h.hunt_id""")
                .query(String.class).list();
    }

    private boolean fill(String huntId) {
        boolean present = jdbc.sql("SELECT hunt_id FROM hunt_summary WHERE hunt_id = :hunt FOR UPDATE")
                .param("hunt", huntId).query(String.class).optional().isPresent();
        if (!present) {
            return false;
        }
        List<Object> payloads = new ArrayList<>();
        // from sequence 0: the events themselves, never a snapshot of the command side's aggregate
        events.readEvents(huntId, 0L).asStream().map(EventMessage::getPayload).forEach(payloads::add);
        HuntSettings settings = HuntSettings.of(payloads);
        int changed = jdbc.sql("""
                        UPDATE hunt_summary SET max_wrong_attempts = COALESCE(max_wrong_attempts, :maxWrong),
                            lockout_window_seconds = COALESCE(lockout_window_seconds, :window)
                        WHERE hunt_id = :hunt AND (max_wrong_attempts IS NULL OR lockout_window_seconds IS NULL)""")
                .param("maxWrong", settings.maxWrongAttempts(), Types.INTEGER)
                .param("window", settings.lockoutWindowSeconds(), Types.INTEGER)
                .param("hunt", huntId)
                .update();
        for (var hint : settings.hints().entrySet()) {
            if (hint.getValue() != null) {
                changed += jdbc.sql("""
                                UPDATE clue_summary SET hint = :hint
                                WHERE hunt_id = :hunt AND clue_id = :clue AND has_hint AND hint IS NULL""")
                        .param("hint", hint.getValue())
                        .param("hunt", huntId)
                        .param("clue", hint.getKey())
                        .update();
            }
        }
        return changed > 0;
    }
}
