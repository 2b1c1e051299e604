package io.veltrix.query;

import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What the projections share. Handlers run in the processor's batch (one unit of work, one
 * transaction with the token advance). They validate an event and collect its effect in a
 * batch-scoped buffer; the buffer is written set-wise just before the batch commits. An event
 * that cannot be projected throws in its handler before anything is written, so the dead-letter
 * queue parks it and the rest of the batch commits.
 */
public final class Projections {

    public static final String HUNT_SUMMARY = "hunt-summary";
    public static final String LEADERBOARD = "leaderboard";
    public static final String PLAYER_VIEW = "player-view";
    /** Which events belong to which hunt, for the audit trail. */
    public static final String AUDIT_INDEX = "audit-index";
    /** The organizer accounts and who organizes which hunt, for authentication and per-hunt access. */
    public static final String ORGANIZERS = "organizers";

    /** Every projection's processing group. */
    public static final List<String> ALL = List.of(LEADERBOARD, PLAYER_VIEW, HUNT_SUMMARY, AUDIT_INDEX, ORGANIZERS);

    /** Longest identifier the read models store (VARCHAR(64)). */
    public static final int MAX_ID = 64;

    private Projections() {
    }

    /**
     * The current batch's buffer under {@code key}, created on first use together with a hook
     * that hands it to {@code write} when the batch prepares to commit.
     */
    public static <T> T batchBuffer(String key, Supplier<T> create, Consumer<T> write) {
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        return uow.getOrComputeResource(key, k -> {
            T buffer = create.get();
            uow.onPrepareCommit(u -> write.accept(buffer));
            return buffer;
        });
    }

    /** Refuses (to the dead-letter queue) an identifier the read models cannot hold. */
    public static String checkId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("identifier of unexpected length: " + (id == null ? null : id.length()));
        }
        return id;
    }

    /**
     * The event's own position in the store's global order. Not the tracking token's position:
     * that is the highest index the reader has seen, which an event filling a gap does not have.
     */
    public static long indexOf(EventMessage<?> event) {
        return IndexedJdbcEventStorageEngine.globalIndexOf(event);
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
