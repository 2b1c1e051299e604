package io.veltrix.query.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops a processing group's {@link ReadOnlyIndexes} for a replay's bulk part and builds them again
 * at its end. Every row the bulk part writes would otherwise update each of them: in the
 * leaderboard's case, every tally update changes a player's ranked columns and changed version,
 * so it wrote an entry in five indexes, and writes one in two without them (about half the cost
 * per row, docs/performance.md round 33); one build at the end is cheaper than a million updates.
 *
 * <p>Each index dropped is recorded with the statement that builds it ({@code
 * replay_dropped_index}) in the transaction that drops it, and its row is deleted in the one that
 * builds it, so an index is never lost: what a replay cut short left dropped is built at the next
 * start of any instance. A build issued twice (that start beside a running replay) is harmless.
 * Meanwhile the API's reads that use them are slower, on a read model that says it is being rebuilt.
 */
@Component
class ReplayIndexes {

    private static final Logger log = LoggerFactory.getLogger(ReplayIndexes.class);
    private static final String CREATE = "CREATE INDEX ";
    /** How often a build that failed after a replay is tried again while the service runs. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final List<ReadOnlyIndexes> readOnly;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final long retryNanos;
    /**
     * When ({@link System#nanoTime()}) a build after a replay last failed (the database unreachable,
     * say), retried from then on; null while none is waiting.
     */
    private volatile Long failedAt;

    @Autowired
    ReplayIndexes(List<ReadOnlyIndexes> readOnly, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this(readOnly, jdbc, transactions, RETRY);
    }

    ReplayIndexes(List<ReadOnlyIndexes> readOnly, JdbcClient jdbc, PlatformTransactionManager transactions,
            Duration retry) {
        this.readOnly = readOnly;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.retryNanos = retry.toNanos();
    }

    /** Builds whatever a replay cut short left dropped. */
    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            build(null);
        } catch (RuntimeException e) {
            log.warn("indexes dropped by an earlier replay not built yet; the next replay or start builds them", e);
        }
    }

    /**
     * Drops the group's read-only indexes that exist and are not unique, recording each one's
     * definition; answers the names dropped.
     */
    List<String> drop(String processingGroup) {
        List<String> names = new ArrayList<>();
        for (ReadOnlyIndexes group : readOnly) {
            if (group.processingGroup().equals(processingGroup)) {
                names.addAll(group.indexes());
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> dropped = transaction.execute(status -> {
            List<String> done = new ArrayList<>();
            for (String name : names) {
                jdbc.sql("""
                                SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
                                JOIN pg_class c ON c.oid = i.indexrelid
                                WHERE i.indexrelid = to_regclass(:name) AND NOT i.indisunique""")
                        .param("name", name)
                        .query(Dropped.ROW)
                        .optional()
                        .filter(index -> index.definition().startsWith(CREATE))
                        .ifPresent(index -> {
                            jdbc.sql("""
                                            INSERT INTO replay_dropped_index (index_name, processing_group, definition)
                                            VALUES (:name, :group, :definition) ON CONFLICT (index_name) DO NOTHING""")
                                    .param("name", index.name()).param("group", processingGroup)
                                    .param("definition", index.definition()).update();
                            jdbc.sql("DROP INDEX " + quoted(index.name())).update();
                            done.add(index.name());
                        });
            }
            return done;
        });
        if (!dropped.isEmpty()) {
            log.info("replay of {}: indexes {} dropped until the bulk part ends", processingGroup, dropped);
        }
        return dropped;
    }

    /**
     * At a bulk part's end, whichever way it ended: builds the group's dropped indexes; a failure is
     * logged and tried again by {@link #retryFailedBuild()} (and at the next start).
     */
    void buildAfterReplay(String processingGroup) {
        try {
            build(processingGroup);
        } catch (RuntimeException e) {
            failedAt = System.nanoTime();
            log.warn("replay of {}: its dropped indexes not built yet; tried again every {} ms", processingGroup,
                    retryNanos / 1_000_000, e);
        }
    }

    /** Tries again a build that failed after a replay, at most once per retry period; cheap otherwise. */
    void retryFailedBuild() {
        Long failed = failedAt;
        if (failed == null || System.nanoTime() - failed < retryNanos) {
            return;
        }
        failedAt = System.nanoTime();
        try {
            build(null);
            failedAt = null;
        } catch (RuntimeException e) {
            log.warn("indexes dropped by a replay still not built: {}", e.toString());
        }
    }

    /**
     * Builds the indexes recorded as dropped for the processing group (all of them when null), each
     * in a transaction of its own that also deletes its row; answers how many it built.
     */
    int build(String processingGroup) {
        List<Dropped> recorded = jdbc.sql("""
                        SELECT index_name, definition FROM replay_dropped_index
                        WHERE CAST(:group AS TEXT) IS NULL OR processing_group = :group ORDER BY index_name""")
                .param("group", processingGroup)
                .query(Dropped.ROW)
                .list();
        for (Dropped index : recorded) {
            long started = System.nanoTime();
            transaction.executeWithoutResult(status -> {
                jdbc.sql(CREATE + "IF NOT EXISTS " + index.definition().substring(CREATE.length())).update();
                jdbc.sql("DELETE FROM replay_dropped_index WHERE index_name = :name").param("name", index.name()).update();
            });
            log.info("index {} built in {} ms", index.name(), (System.nanoTime() - started) / 1_000_000);
        }
        return recorded.size();
    }

    /** An index and the statement that builds it ({@code pg_get_indexdef}'s), as both queries answer them. */
    private record Dropped(String name, String definition) {
        static final RowMapper<Dropped> ROW = (rs, n) -> new Dropped(rs.getString(1), rs.getString(2));
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
