package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection's reset empties its tables by truncating them (new, empty files: nothing deleted
 * row by row, nothing dead left behind), unless a reader holds one of them a second past {@code
 * deadlock_timeout}: then it deletes the rows, and the reset's transaction goes on either way.
 */
class ReadModelResetTest extends QueryTestBase {

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    private final String first = "reset_a_" + UUID.randomUUID().toString().substring(0, 8);
    private final String second = "reset_b_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void tables() {
        for (String table : new String[] {first, second}) {
            jdbc.sql("CREATE TABLE " + table + " (id INT PRIMARY KEY)").update();
            jdbc.sql("INSERT INTO " + table + " SELECT generate_series(1, 1000)").update();
        }
    }

    @AfterEach
    void dropTables() {
        jdbc.sql("DROP TABLE IF EXISTS " + first + ", " + second).update();
    }

    @Test
    void aResetTruncatesItsTables() {
        long before = fileOf(first);

        new TransactionTemplate(transactions).executeWithoutResult(s -> Projections.empty(jdbc, first, second));

        assertThat(rows(first)).isZero();
        assertThat(rows(second)).isZero();
        assertThat(fileOf(first)).as("a truncated table gets a new file").isNotEqualTo(before);
    }

    @Test
    void aReaderHoldingATableMakesTheResetDeleteAndTheTransactionGoesOn() throws Exception {
        long before = fileOf(second);
        try (Connection reader = holding(second)) {
            long started = System.nanoTime();

            new TransactionTemplate(transactions).executeWithoutResult(s -> {
                Projections.empty(jdbc, first, second);
                // the transaction is still usable after the truncate's rollback to its savepoint
                jdbc.sql("INSERT INTO " + first + " VALUES (7)").update();
            });

            assertThat((System.nanoTime() - started) / 1_000_000).as("ms waited for the lock").isBetween(1_900L, 10_000L);
            reader.commit();
        }
        assertThat(rows(first)).isEqualTo(1);
        assertThat(rows(second)).isZero();
        assertThat(fileOf(second)).as("deleted, not truncated").isEqualTo(before);
    }

    @Test
    void aLockReleasedSoonAfterDeadlockTimeoutIsWaitedFor() throws Exception {
        // as an autovacuum holding a table is cancelled once the truncate has waited deadlock_timeout
        long before = fileOf(second);
        try (Connection holder = holding(second)) {
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1_300);
                    holder.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();

            new TransactionTemplate(transactions).executeWithoutResult(s -> Projections.empty(jdbc, first, second));
            release.join();
        }
        assertThat(rows(second)).isZero();
        assertThat(fileOf(second)).as("truncated, not deleted").isNotEqualTo(before);
    }

    @Test
    void outsideATransactionItDeletes() {
        Projections.empty(jdbc, first);

        assertThat(rows(first)).isZero();
    }

    /** A connection whose open transaction has read the table: it holds the table's lock until it ends. */
    private Connection holding(String table) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement read = connection.createStatement()) {
            read.executeQuery("SELECT count(*) FROM " + table).close();
        }
        return connection;
    }

    private long rows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private long fileOf(String table) {
        return jdbc.sql("SELECT relfilenode FROM pg_class WHERE oid = to_regclass(?)").param(table)
                .query(Long.class).single();
    }
}
