package io.veltrix.launcher;

import io.veltrix.pgbinaries.PostgresBinaries;
import io.veltrix.pgbinaries.ServiceRoles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL from zonky's binaries, configured for keeps rather than for tests: the data
 * directory survives restarts and every commit is on disk before it is acknowledged. Every
 * connection needs a password (SCRAM, loopback only, {@link ServiceRoles#hba}); the superuser is
 * trusted only at a data directory's first start, until the launcher has given it its password
 * (recorded by {@value #PASSWORDS_SET} in the data directory: delete that file to set a new one).
 */
final class DurablePostgres implements AutoCloseable {

    static final String USER = ServiceRoles.SUPERUSER;
    /** In the data directory once the superuser has its password: from then on nobody is trusted. */
    static final String PASSWORDS_SET = "veltrix-passwords-set";

    /** Crash recovery of a big store after an unclean stop can take a while. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    /** The server itself: zonky starts it through pg_ctl, which detaches it and exits. */
    private final ProcessHandle postmaster;

    private DurablePostgres(EmbeddedPostgres postgres, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, its binaries unpacked (once) into {@code binariesDir};
     * throws {@link io.veltrix.pgbinaries.BinariesUnavailable} when they cannot be.
     */
    static DurablePostgres start(Path binariesDir, Path dataDir, int port, int maxConnections, Path log,
                                 String superuserPassword) throws IOException {
        return start(binariesDir, dataDir, port, maxConnections, log, superuserPassword, false);
    }

    /**
     * As {@link #start(Path, Path, int, int, Path, String)}; with {@code statementStats} the server
     * preloads {@code pg_stat_statements} (see {@link #enableStatementStats}).
     */
    static DurablePostgres start(Path binariesDir, Path dataDir, int port, int maxConnections, Path log,
                                 String superuserPassword, boolean statementStats) throws IOException {
        Files.createDirectories(dataDir);
        stopStalePostmaster(dataDir);
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("PostgreSQL port " + port + " is in use; free it or choose another with "
                    + Settings.PG_PORT, e);
        }
        boolean bootstrap = !Files.exists(dataDir.resolve(PASSWORDS_SET));
        EmbeddedPostgres postgres = PostgresBinaries.builder(binariesDir)
                .setDataDirectory(dataDir)
                // zonky's default wipes the data directory on close; ours is the system of record
                .setCleanDataDirectory(false)
                // the launcher stops PostgreSQL itself, after the services that write to it
                .setRegisterShutdownHook(false)
                .setPort(port)
                // zonky passes -F (fsync off) and synchronous_commit=off for test speed; a 2xx must
                // mean the event is on disk, so all three durability settings go back on
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", Integer.toString(maxConnections))
                .setServerConfig("listen_addresses", "localhost")
                // what each statement costs, for whoever profiles the database (off by default: it
                // hashes every statement)
                .setServerConfig("shared_preload_libraries", statementStats ? "pg_stat_statements" : "")
                // pg_hba.conf written at every start, after initdb (which trusts everyone) on a new directory
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), bootstrap))
                .setConnectConfig("password", superuserPassword)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        ProcessHandle postmaster = runningPostmaster(dataDir).orElseThrow(() -> new IOException(
                "PostgreSQL started but its postmaster.pid in " + dataDir + " names no running server"));
        DurablePostgres started = new DurablePostgres(postgres, postmaster);
        if (bootstrap) {
            started.endTrust(dataDir, superuserPassword);
        }
        return started;
    }

    /** Gives the superuser its password and from then on trusts nobody (the running server too). */
    private void endTrust(Path dataDir, String superuserPassword) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ServiceRoles.setSuperuserPassword(c, superuserPassword);
            writeHba(dataDir, false);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("could not set PostgreSQL's superuser password: " + e.getMessage(), e);
        }
        Files.writeString(dataDir.resolve(PASSWORDS_SET), "the superuser has its password; delete this file"
                + " to trust it once more at the next start (and set the one in the secrets file)\n", StandardCharsets.UTF_8);
    }

    private static void writeHba(Path dataDir, boolean bootstrap) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), ServiceRoles.hba(bootstrap), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not write pg_hba.conf in " + dataDir, e);
        }
    }

    /**
     * Gives each service its own role in {@code database}, with these passwords
     * ({@link ServiceRoles}); run at every start, so changed passwords take effect.
     */
    void applyServiceRoles(String database, ServiceRoles.Passwords passwords) throws SQLException {
        try (Connection c = connect(database)) {
            ServiceRoles.apply(c, passwords);
        }
    }

    /** Completes when the postmaster has exited: a crash, a kill, or a stop by anyone. */
    CompletableFuture<ProcessHandle> onExit() {
        return postmaster.onExit();
    }

    boolean isAlive() {
        return postmaster.isAlive();
    }

    long pid() {
        return postmaster.pid();
    }

    /** Creates {@code name} unless it exists; returns its JDBC URL. */
    String ensureDatabase(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    // a database name is an identifier, not a bind parameter; it is ours, not user input
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                }
            }
        }
        return jdbcUrl(name);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /**
     * Creates the {@code pg_stat_statements} view in {@code database} (once; the server must have
     * been started with statement statistics): the superuser reads and resets it there.
     */
    void enableStatementStats(String database) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    Connection connect(String database) throws SQLException {
        return postgres.getDatabase(USER, database).getConnection();
    }

    /**
     * Stops PostgreSQL, or, when its postmaster already died, releases what this instance holds
     * (zonky's lock on the data directory) so that a new one can start on the same directory.
     */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } catch (RuntimeException e) {
            if (isAlive()) {
                throw e;
            }
            // pg_ctl stop fails on a postmaster that is gone; nothing is left to stop
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its postmaster running and holding the data directory;
     * stop it before starting a new one. SIGINT is PostgreSQL's fast shutdown (clients are cut off,
     * committed work is kept); Java's destroy() would send SIGTERM, which waits for every client.
     */
    private static void stopStalePostmaster(Path dataDir) throws IOException {
        Optional<ProcessHandle> postmaster = runningPostmaster(dataDir);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle stale = postmaster.get();
        System.out.println("Stopping PostgreSQL left running by an earlier launcher (pid " + stale.pid() + ")");
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(stale.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            stale.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + stale.pid(), e);
        }
        try {
            stale.onExit().get(STALE_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + stale.pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL pid " + stale.pid() + " still runs on " + dataDir
                    + "; stop it and start again", e);
        }
    }

    /** The live postmaster named by the first line of the data directory's postmaster.pid, if any. */
    private static Optional<ProcessHandle> runningPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(s -> s.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false));
    }
}
