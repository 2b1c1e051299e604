package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossRestartsWithDurabilityOn() throws Exception {
        Path data = dir.resolve("postgres");
        Path log = dir.resolve("postgres.log");
        int port = freePort();

        try (DurablePostgres postgres = DurablePostgres.start(dir.resolve("pg-binaries"), data, port, 50, log)) {
            assertEquals("jdbc:postgresql://localhost:" + port + "/veltrix", postgres.ensureDatabase("veltrix"));
            try (Connection c = postgres.connect("veltrix"); Statement s = c.createStatement()) {
                assertEquals("on", show(s, "fsync"));
                assertEquals("on", show(s, "synchronous_commit"));
                assertEquals("on", show(s, "full_page_writes"));
                assertEquals("50", show(s, "max_connections"));
                s.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
                s.execute("INSERT INTO kept VALUES (1, 'acknowledged before the restart')");
            }
        }
        assertTrue(Files.exists(data.resolve("PG_VERSION")), "data directory survives close()");

        try (DurablePostgres postgres = DurablePostgres.start(dir.resolve("pg-binaries"), data, port, 50, log)) {
            postgres.ensureDatabase("veltrix"); // exists already: must not fail
            try (Connection c = postgres.connect("veltrix"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT note FROM kept WHERE id = 1")) {
                assertTrue(rs.next(), "row written before the restart is there");
                assertEquals("acknowledged before the restart", rs.getString(1));
                assertEquals("on", show(s, "fsync"));
            }
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
