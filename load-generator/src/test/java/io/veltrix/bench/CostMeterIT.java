package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veltrix.testsupport.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost meter's transaction counts against a real PostgreSQL. */
class CostMeterIT {

    @Test
    void onlyTransactionsThatWriteCountAsWriteTransactionsWhileEveryCommitCounts() throws Exception {
        String url = EmbeddedDatabase.freshDatabase();
        Options options = Options.parse(new String[] {"--jdbc-url", url, "--jdbc-user", "postgres",
                "--jdbc-password", EmbeddedDatabase.SUPERUSER_PASSWORD}, Map.of());
        try (Connection c = DriverManager.getConnection(url, "postgres", EmbeddedDatabase.SUPERUSER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tally (n int)");
        }
        try (CostMeter meter = new CostMeter(options, Map.of())) {
            CostMeter.Snapshot before = meter.take();
            // a backend publishes its counters when it ends, so this one ends before the second snapshot
            try (Connection c = DriverManager.getConnection(url, "postgres", EmbeddedDatabase.SUPERUSER_PASSWORD);
                 Statement s = c.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    s.execute("INSERT INTO tally VALUES (" + i + ")");
                }
                for (int i = 0; i < 5; i++) {
                    s.executeQuery("SELECT count(*) FROM tally").close();
                }
                c.setAutoCommit(false);
                s.execute("INSERT INTO tally VALUES (3)");
                s.execute("INSERT INTO tally VALUES (4)");
                c.commit();
            }
            CostMeter.Snapshot after = meter.take();

            Map<String, Object> report = meter.report(before, after, 4, "thing");

            assertEquals(4L, report.get("writeTransactions"), report.toString());
            assertEquals(1.0, report.get("writeTransactionsPerUnit"));
            // every one of the nine commits, the reads too (and whatever else the database committed meanwhile)
            assertTrue((Long) report.get("commits") >= 9L, report.toString());
        }
    }
}
