package io.veltrix.query;

import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the projections share. Handlers run in the processor's batch (one unit of work, one
 * transaction with the token advance). They validate an event and collect its effect in a
 * batch-scoped buffer; the buffer is written set-wise just before the batch commits. An event
 * that cannot be projected throws in its handler before anything is written, so the dead-letter
 * queue parks it and the rest of the batch commits.
 */
public final class Projections {

    public static final String HUNT_SUMMARY = "hunt-summary";
    /**
     * The leaderboard, and the processing group that runs it together with the player view: one
     * read of the store and one transaction (read models and token) per batch for both, where two
     * processors each read every event and committed a token of their own. A player's view is read
     * from the board's rows and its own, so both now also move in the same commit.
     */
    public static final String LEADERBOARD = "leaderboard";
    /** The player view: a projection of its own (replayed by this name) in the leaderboard's group. */
    public static final String PLAYER_VIEW = "player-view";
    /** Which events belong to which hunt, for the audit trail. */
    public static final String AUDIT_INDEX = "audit-index";
    /** The organizer accounts and who organizes which hunt, for authentication and per-hunt access. */
    public static final String ORGANIZERS = "organizers";

    /** Every processing group (each one processor, with its own token and dead-letter queue). */
    public static final List<String> ALL = List.of(LEADERBOARD, HUNT_SUMMARY, AUDIT_INDEX, ORGANIZERS);

    /** The projections the API rebuilds and parks letters for, by name, each with the group that runs it. */
    private static final Map<String, String> GROUPS = Map.of(LEADERBOARD, LEADERBOARD, PLAYER_VIEW, LEADERBOARD,
            HUNT_SUMMARY, HUNT_SUMMARY);
    /** The names of those projections, in the order the API lists them. */
    public static final List<String> API_NAMES = List.of(LEADERBOARD, PLAYER_VIEW, HUNT_SUMMARY);
    /** The processing groups that run them, in that order; each is named after a projection it runs. */
    public static final List<String> API_GROUPS = API_NAMES.stream().map(GROUPS::get).distinct().toList();

    /** The processing group that runs the named projection; empty for a name the API does not know. */
    public static Optional<String> groupOf(String projection) {
        return Optional.ofNullable(projection == null ? null : GROUPS.get(projection));
    }

    /** The projections a processing group runs, in name order. */
    public static List<String> projectionsOf(String group) {
        return GROUPS.entrySet().stream().filter(e -> e.getValue().equals(group)).map(Map.Entry::getKey).sorted()
                .toList();
    }

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

    /**
     * Empties a projection's tables for its reset, in the reset's transaction. {@code TRUNCATE} when
     * it gets every table's lock within a second past {@code deadlock_timeout}: a replay then writes
     * into empty files, where {@code DELETE} took about a second per million rows and left them all
     * dead, for autovacuum to clean up while the replay writes the same tables (PostgreSQL's CPU,
     * and updates that could not stay on their page). An autovacuum of a table, likely right after
     * heavy writes, holds a lock the truncate waits for; PostgreSQL cancels it once the truncate has
     * waited {@code deadlock_timeout} (1 s by default), so the wait must last longer than that: with
     * a wait of exactly 1 s, a replay started right after a seed deleted instead (docs/performance.md,
     * round 34). A reader still holding a table (an export streaming to a slow client, say) would
     * block every later read behind the truncate's lock, so after that wait the attempt is rolled
     * back to its savepoint and the rows are deleted instead.
     */
    public static void empty(JdbcClient jdbc, String... tables) {
        try {
            jdbc.sql("SAVEPOINT empty_tables").update();
        } catch (DataAccessException e) { // not in a transaction: no lock held past each statement anyway
            delete(jdbc, tables);
            return;
        }
        try {
            jdbc.sql("""
                    SELECT set_config('lock_timeout',
                            (extract(epoch FROM current_setting('deadlock_timeout')::interval) * 1000 + 1000)::bigint::text,
                            true)""").query(String.class).single();
            jdbc.sql("TRUNCATE " + String.join(", ", tables)).update();
            jdbc.sql("SET LOCAL lock_timeout = DEFAULT").update();
            jdbc.sql("RELEASE SAVEPOINT empty_tables").update();
        } catch (DataAccessException e) {
            jdbc.sql("ROLLBACK TO SAVEPOINT empty_tables").update();
            delete(jdbc, tables);
        }
    }

    private static void delete(JdbcClient jdbc, String... tables) {
        for (String table : tables) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
