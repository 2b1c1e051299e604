package io.veltrix.query;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every projection handler shares. Handlers run inside the processor's batch transaction
 * (the token advance commits with them); each event's work runs in a savepoint, so a failing
 * statement leaves the batch transaction usable and the dead-letter queue can park that event
 * in it while the rest of the batch commits.
 */
@Component
public class Projections {

    public static final String HUNT_SUMMARY = "hunt-summary";
    public static final String LEADERBOARD = "leaderboard";
    public static final String PLAYER_VIEW = "player-view";

    private final TransactionTemplate savepoint;

    public Projections(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        if (transactions instanceof DataSourceTransactionManager jdbc) {
            jdbc.setNestedTransactionAllowed(true);
        }
    }

    /** Runs one event's work in a savepoint of the current transaction. */
    public void inSavepoint(Runnable work) {
        savepoint.executeWithoutResult(status -> work.run());
    }

    /** The event's position in the store's global order. */
    public static long indexOf(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without position: " + token));
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
