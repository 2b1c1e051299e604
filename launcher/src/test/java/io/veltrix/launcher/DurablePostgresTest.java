package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veltrix.pgbinaries.ServiceRoles;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real PostgreSQL: what the run command acknowledges must still be there after a restart. */
class DurablePostgresTest {

    private static final String PASSWORD = "superuser-secret";

    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossRestartsWithDurabilityOn() throws Exception {
        Path data = dir.resolve("postgres");
        Path log = dir.resolve("postgres.log");
        int port = freePort();

        try (DurablePostgres postgres = DurablePostgres.start(dir.resolve("pg-binaries"), data, port, 50, log, PASSWORD)) {
            assertEquals("jdbc:postgresql://localhost:" + port + "/veltrix", postgres.ensureDatabase("veltrix"));
            try (Connection c = postgres.connect("veltrix"); Statement s = c.createStatement()) {
                assertEquals("on", show(s, "fsync"));
                assertEquals("on", show(s, "synchronous_commit"));
                assertEquals("on", show(s, "full_page_writes"));
                assertEquals("50", show(s, "max_connections"));
                assertEquals("", show(s, "shared_preload_libraries"));
                s.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
                s.execute("INSERT INTO kept VALUES (1, 'acknowledged before the restart')");
            }
        }
        assertTrue(Files.exists(data.resolve("PG_VERSION")), "data directory survives close()");

        try (DurablePostgres postgres = DurablePostgres.start(dir.resolve("pg-binaries"), data, port, 50, log, PASSWORD)) {
            postgres.ensureDatabase("veltrix"); // exists already: must not fail
            try (Connection c = postgres.connect("veltrix"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT note FROM kept WHERE id = 1")) {
                assertTrue(rs.next(), "row written before the restart is there");
                assertEquals("acknowledged before the restart", rs.getString(1));
                assertEquals("on", show(s, "fsync"));
            }
        }
    }

    @Test
    void keepsStatementStatisticsWhenAskedTo() throws Exception {
        Path data = dir.resolve("postgres");
        int port = freePort();
        try (DurablePostgres postgres = DurablePostgres.start(dir.resolve("pg-binaries"), data, port, 50,
                dir.resolve("postgres.log"), PASSWORD, true)) {
            postgres.ensureDatabase("veltrix");
            postgres.enableStatementStats("veltrix");
            postgres.enableStatementStats("veltrix"); // at every start: must not fail
            try (Connection c = postgres.connect("veltrix"); Statement s = c.createStatement()) {
                assertEquals("pg_stat_statements", show(s, "shared_preload_libraries"));
                s.execute("CREATE TABLE counted (id int)");
                s.execute("SELECT count(*) FROM counted");
                try (ResultSet rs = s.executeQuery("SELECT calls FROM pg_stat_statements"
                        + " WHERE query LIKE 'SELECT count(*) FROM counted%'")) {
                    assertTrue(rs.next(), "the statement is counted");
                    assertEquals(1, rs.getLong(1));
                }
            }
        }
    }

    @Test
    void everyConnectionNeedsAPasswordFromTheFirstStartOn() throws Exception {
        Path data = dir.resolve("postgres");
        int port = freePort();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        for (int start = 0; start < 2; start++) {
            try (DurablePostgres postgres = DurablePostgres.start(dir.resolve("pg-binaries"), data, port, 50,
                    dir.resolve("postgres.log"), PASSWORD)) {
                assertEquals("28P01", refusal(url, "postgres", "wrong"), "start " + start);
                assertEquals("08004", refusal(url, "postgres", null), "start " + start);
                assertEquals("ok", refusal(url, "postgres", PASSWORD), "start " + start);
                postgres.applyServiceRoles("postgres",
                        new ServiceRoles.Passwords("command-secret", "query-secret", "eventstore-secret"));
                assertEquals("ok", refusal(url, "veltrix_query", "query-secret"));
                assertEquals("28P01", refusal(url, "veltrix_query", "command-secret"));
                assertEquals("ok", refusal(url, "veltrix_eventstore", "eventstore-secret"));
                assertEquals("28P01", refusal(url, "veltrix_eventstore", "command-secret"));
            }
            assertTrue(Files.exists(data.resolve(DurablePostgres.PASSWORDS_SET)));
            assertTrue(Files.readString(data.resolve("pg_hba.conf")).lines()
                    .filter(line -> !line.startsWith("#")).noneMatch(line -> line.contains("trust")));
        }
    }

    /** "ok", or the SQLState a connection attempt was refused with. */
    private static String refusal(String url, String user, String password) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        try (Connection ignored = java.sql.DriverManager.getConnection(url, properties)) {
            return "ok";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
