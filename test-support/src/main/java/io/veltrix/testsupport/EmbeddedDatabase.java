package io.veltrix.testsupport;

import io.veltrix.pgbinaries.PostgresBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL per test JVM (zonky's embedded binaries), and a fresh database in it for
 * every caller, so test classes never see each other's events.
 */
public final class EmbeddedDatabase {

    /**
     * Our own folder, not zonky's shared {@code embedded-pg}: unpacked atomically, so a test JVM
     * killed while unpacking leaves nothing that breaks the next run.
     */
    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "veltrix-pg-binaries");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = builder()
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is a temp dir
                }
            }));
        }
        return server;
    }

    /** A zonky builder on the tests' unpacked binaries, for a test that needs a PostgreSQL of its own. */
    public static EmbeddedPostgres.Builder builder() {
        return PostgresBinaries.builder(BINARIES);
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public static String freshDatabase() {
        String name = "veltrix_test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** Points a Spring test context at a fresh database. */
    public static String register(DynamicPropertyRegistry registry) {
        String url = freshDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        return url;
    }
}
