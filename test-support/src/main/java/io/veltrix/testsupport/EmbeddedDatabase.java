package io.veltrix.testsupport;

import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.pgbinaries.PostgresBinaries;
import io.veltrix.pgbinaries.ServiceRoles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL per test JVM (zonky's embedded binaries), and a fresh database in it for
 * every caller, so test classes never see each other's events. It authenticates as the launcher's
 * does: a password for every connection, over loopback only (the superuser {@code postgres}, password
 * {@value #SUPERUSER_PASSWORD}, for tests that need it), and {@link #freshDatabaseWithServiceRoles}
 * gives each service its own least-privilege role ({@link ServiceRoles}).
 */
public final class EmbeddedDatabase {

    /**
     * Our own folder, not zonky's shared {@code embedded-pg}: unpacked atomically, so a test JVM
     * killed while unpacking leaves nothing that breaks the next run.
     */
    private static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "veltrix-pg-binaries");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    public static final String SUPERUSER_PASSWORD = "postgres";
    /** The service roles' passwords, generated once per test JVM (roles are shared by its databases). */
    private static final String COMMAND_PASSWORD = randomPassword();
    private static final String QUERY_PASSWORD = randomPassword();
    private static final String EVENTSTORE_PASSWORD = randomPassword();
    private static EmbeddedPostgres server;

    /**
     * A database whose services connect with their own roles: the URL and each role's account, and
     * the event store owner's, which its migrations run as before a service starts (no service
     * holds it).
     */
    public record ServiceDatabase(String url, String commandUser, String commandPassword, String queryUser,
                                  String queryPassword, String eventStoreUser, String eventStorePassword) {

        /** What a statement run as {@code user} gets: "ok", or the SQLState it was refused with. */
        public String run(String user, String password, String sql) {
            try (Connection c = DriverManager.getConnection(url, user, password);
                 Statement s = c.createStatement()) {
                s.execute(sql);
                return "ok";
            } catch (SQLException e) {
                return e.getSQLState();
            }
        }

        /** {@link #run} as the command service's role. */
        public String asCommand(String sql) {
            return run(commandUser, commandPassword, sql);
        }

        /** {@link #run} as the query service's role. */
        public String asQuery(String sql) {
            return run(queryUser, queryPassword, sql);
        }

        /** {@link #run} as the event store's owner. */
        public String asEventStoreOwner(String sql) {
            return run(eventStoreUser, eventStorePassword, sql);
        }
    }

    private EmbeddedDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                AtomicReference<Path> dataDirectory = new AtomicReference<>();
                server = builder()
                        .setServerConfig("max_connections", "300")
                        // initdb trusts everyone; until the superuser has its password, only it is trusted
                        .setDataDirectoryCustomizer(dir -> {
                            dataDirectory.set(dir.toPath());
                            writeHba(dir.toPath(), true);
                        })
                        .setConnectConfig("password", SUPERUSER_PASSWORD)
                        .start();
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    ServiceRoles.setSuperuserPassword(c, SUPERUSER_PASSWORD);
                    writeHba(dataDirectory.get(), false);
                    s.execute("SELECT pg_reload_conf()");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            } catch (SQLException e) {
                throw new IllegalStateException("embedded PostgreSQL refused its authentication set-up", e);
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

    /** Creates a new empty database and returns its JDBC URL (without an account). */
    public static String freshDatabase() {
        String name = "veltrix_test_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        // no user in the URL: each caller connects with an account of its own
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }

    /**
     * A new empty database in which the command and the query service each have their own role,
     * as under the launcher; its event store is not migrated yet ({@link #migrateEventStore}).
     */
    public static ServiceDatabase freshDatabaseWithServiceRoles() {
        return freshDatabaseWithServiceRoles(ServiceRoles.script());
    }

    /**
     * As {@link #freshDatabaseWithServiceRoles()}, the roles made by {@code rolesScript}, a script
     * for psql taking the roles' passwords as the variables of {@link ServiceRoles#run}.
     */
    public static synchronized ServiceDatabase freshDatabaseWithServiceRoles(String rolesScript) {
        return withServiceRolesSetUp(freshDatabase(), rolesScript);
    }

    /**
     * Sets up both services' roles ({@link ServiceRoles#script()}, this JVM's passwords) in the
     * database at {@code url}, of a PostgreSQL a test started itself, as its superuser.
     */
    public static ServiceDatabase withServiceRolesSetUp(String url) {
        return withServiceRolesSetUp(url, ServiceRoles.script());
    }

    private static ServiceDatabase withServiceRolesSetUp(String url, String rolesScript) {
        try (Connection c = superuser(url)) {
            ServiceRoles.run(c, rolesScript,
                    new ServiceRoles.Passwords(COMMAND_PASSWORD, QUERY_PASSWORD, EVENTSTORE_PASSWORD));
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the service roles in " + url, e);
        }
        return withServiceRoles(url);
    }

    /**
     * The roles' accounts on {@code url}, a database of {@link #freshDatabaseWithServiceRoles} (the
     * roles and their passwords are the same for every database of this JVM).
     */
    public static ServiceDatabase withServiceRoles(String url) {
        return new ServiceDatabase(url, ServiceRoles.COMMAND, COMMAND_PASSWORD, ServiceRoles.QUERY, QUERY_PASSWORD,
                ServiceRoles.EVENTSTORE, EVENTSTORE_PASSWORD);
    }

    /**
     * Brings the event store of {@code database} up to date as its owner, as the launcher does
     * before it starts the services (they check the version and refuse an outdated store).
     */
    public static ServiceDatabase migrateEventStore(ServiceDatabase database) {
        EventStoreSchema.migrate(database.url(), database.eventStoreUser(), database.eventStorePassword());
        return database;
    }

    /** The superuser's JDBC account on {@code url}, for fixtures that change what no service may. */
    public static Connection superuser(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", SUPERUSER_PASSWORD);
    }

    private static void writeHba(Path dataDirectory, boolean bootstrap) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), ServiceRoles.hba(bootstrap), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf in " + dataDirectory, e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Points a Spring test context of the command service at a fresh database with both services'
     * roles and a migrated event store, connected as the command service's role
     * ({@link ServiceRoles#COMMAND}), as the launcher runs it.
     */
    public static ServiceDatabase registerAsCommandService(DynamicPropertyRegistry registry) {
        ServiceDatabase database = migrateEventStore(freshDatabaseWithServiceRoles());
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::commandUser);
        registry.add("spring.datasource.password", database::commandPassword);
        return database;
    }

    /**
     * Points a Spring test context of the query service at a fresh database with both services'
     * roles and a migrated event store, connected as the query service's role
     * ({@link ServiceRoles#QUERY}), as the launcher runs it.
     */
    public static ServiceDatabase registerAsQueryService(DynamicPropertyRegistry registry) {
        ServiceDatabase database = migrateEventStore(freshDatabaseWithServiceRoles());
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::queryUser);
        registry.add("spring.datasource.password", database::queryPassword);
        return database;
    }
}
