package io.veltrix.launcher;

import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.pgbinaries.ServiceRoles;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the event store up to date as its owner before the services start: the launcher does it
 * on the embedded PostgreSQL (and on an external one when given the owner's password), and
 * {@code java -jar launcher.jar --migrate-event-store} does only this, for docker compose's one-shot
 * step and for an operator's external database. The owner's password goes to no service.
 */
final class EventStoreMigrationStep {

    /** The owner's account name; {@link ServiceRoles#EVENTSTORE} unless set. */
    static final String OWNER_USERNAME = "VELTRIX_EVENTSTORE_OWNER_USERNAME";
    private static final String SHARED_USERNAME = "SPRING_DATASOURCE_USERNAME";
    private static final String SHARED_PASSWORD = "SPRING_DATASOURCE_PASSWORD";

    /**
     * Flyway logs through java.util.logging here (the launcher has no SLF4J binding): its warnings
     * and errors only, so the console keeps to start-up progress; {@link #migrate} says in one line
     * what was done. Held in a field: the logging framework keeps loggers only weakly.
     */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private EventStoreMigrationStep() {
    }

    /** A database account. */
    record Account(String user, String password) {
    }

    /**
     * Who migrates an external event store ({@code SPRING_DATASOURCE_URL} set) before the services
     * start: its owner when {@code VELTRIX_DB_EVENTSTORE_PASSWORD} is given; the one account both
     * services then share when neither service role's password is given (it owns everything,
     * the store included); nobody when each service has its own role but the owner's password is
     * not given: the operator migrated it ({@code --migrate-event-store}), and the services refuse
     * a store that is not up to date.
     */
    static Optional<Account> externalMigrator(Map<String, String> env) {
        String ownerPassword = env.get(Secrets.DB_EVENTSTORE_PASSWORD);
        if (ownerPassword != null && !ownerPassword.isEmpty()) {
            return Optional.of(new Account(env.getOrDefault(OWNER_USERNAME, ServiceRoles.EVENTSTORE), ownerPassword));
        }
        if (env.containsKey(Secrets.DB_COMMAND_PASSWORD) && env.containsKey(Secrets.DB_QUERY_PASSWORD)) {
            return Optional.empty();
        }
        // the services' own default account (application.yml) when the environment names none
        return Optional.of(new Account(env.getOrDefault(SHARED_USERNAME, "veltrix"),
                env.getOrDefault(SHARED_PASSWORD, "veltrix")));
    }

    /** Runs the pending migrations as {@code user}; returns one line saying what was done. */
    static String migrate(String url, String user, String password) {
        MigrateResult result = EventStoreSchema.migrate(url, user, password);
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return result.migrationsExecuted == 0
                ? "Event store up to date (version " + version + ")"
                : "Event store migrated to version " + version + " as " + user + " (" + result.migrationsExecuted
                        + " migration" + (result.migrationsExecuted == 1 ? "" : "s") + ")";
    }

    /**
     * {@code --migrate-event-store}: migrates the database of {@code SPRING_DATASOURCE_URL} as
     * {@value #OWNER_USERNAME} with {@code VELTRIX_DB_EVENTSTORE_PASSWORD}; returns the exit code.
     */
    static int migrateFrom(Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.get(Settings.DATASOURCE_URL);
        String password = env.get(Secrets.DB_EVENTSTORE_PASSWORD);
        if (url == null || url.isBlank() || password == null || password.isBlank()) {
            err.println("veltrix: --migrate-event-store needs " + Settings.DATASOURCE_URL + " (the database) and "
                    + Secrets.DB_EVENTSTORE_PASSWORD + " (the password of its owner, " + OWNER_USERNAME + ", default "
                    + ServiceRoles.EVENTSTORE + ")");
            return 2;
        }
        String user = env.getOrDefault(OWNER_USERNAME, ServiceRoles.EVENTSTORE);
        try {
            out.println(migrate(url, user, password));
            return 0;
        } catch (FlywayException e) {
            err.println("veltrix: the event store's migration as " + user + " failed: " + e.getMessage());
            return 1;
        }
    }
}
