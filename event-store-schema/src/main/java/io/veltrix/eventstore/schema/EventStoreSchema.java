package io.veltrix.eventstore.schema;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The event store's tables ({@code db/eventstore}, history table {@value #HISTORY_TABLE}, apart
 * from each service's own). They are migrated by their owner before any service starts, never by
 * a service: an account that may change the tables may also switch off the event table's
 * append-only trigger, so no service holds it. Each service only {@linkplain #requireCurrent checks}
 * at start that the store is at the version its code expects.
 */
public final class EventStoreSchema {

    public static final String HISTORY_TABLE = "eventstore_schema_history";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** How an operator brings an external event store up to date; named in every refusal. */
    public static final String HOW_TO_MIGRATE = "run the event store's migrations as its owner first: "
            + "SPRING_DATASOURCE_URL=… VELTRIX_EVENTSTORE_OWNER_USERNAME=veltrix_eventstore "
            + "VELTRIX_DB_EVENTSTORE_PASSWORD=… java -jar launcher.jar --migrate-event-store "
            + "(the launcher and docker compose do it before starting the services)";

    private EventStoreSchema() {
    }

    /** Runs the event store's pending migrations now, as the account {@code owner} is connected with. */
    public static MigrateResult migrate(DataSource owner) {
        return flyway(Flyway.configure().dataSource(owner)).migrate();
    }

    /** As {@link #migrate(DataSource)}, connecting with this URL and account. */
    public static MigrateResult migrate(String url, String user, String password) {
        return flyway(Flyway.configure().dataSource(url, user, password)).migrate();
    }

    /**
     * Returns when the event store reached by {@code dataSource} has every migration this code
     * knows applied (later ones, of a newer version of the code, are fine); otherwise throws
     * {@link EventStoreOutdated} naming the versions and how to migrate. Reads the history table
     * only, so a service's role with nothing but SELECT on it may call this.
     */
    public static void requireCurrent(DataSource dataSource) {
        MigrationInfoService info;
        try {
            info = flyway(Flyway.configure().dataSource(dataSource)).info();
        } catch (FlywayException e) {
            if (!deniedAccess(e)) {
                throw e;
            }
            // the grant to read the history comes with a migration: a store from before it is outdated
            throw new EventStoreOutdated("this service's database account may not read " + HISTORY_TABLE
                    + ": the event store predates the migration granting it, or was set up by hand; "
                    + HOW_TO_MIGRATE);
        }
        String expected = latestKnownVersion(info);
        for (MigrationInfo migration : info.all()) {
            if (migration.getState() == MigrationState.FAILED) {
                throw new EventStoreOutdated("the event store's migration " + migration.getVersion() + " failed"
                        + " (see " + HISTORY_TABLE + "); repair it, then " + HOW_TO_MIGRATE);
            }
        }
        if (info.pending().length > 0) {
            MigrationInfo current = info.current();
            String at = current == null ? "has no tables yet" : "is at version " + current.getVersion();
            throw new EventStoreOutdated("the event store " + at + ", this service needs version " + expected + ": "
                    + HOW_TO_MIGRATE);
        }
    }

    private static boolean deniedAccess(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String latestKnownVersion(MigrationInfoService info) {
        String latest = "?";
        for (MigrationInfo migration : info.all()) {
            if (migration.getState() != MigrationState.FUTURE_SUCCESS && migration.getState() != MigrationState.FUTURE_FAILED
                    && migration.getVersion() != null) {
                latest = migration.getVersion().toString();
            }
        }
        return latest;
    }

    private static Flyway flyway(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration
                .locations("classpath:db/eventstore")
                .schemas("public")
                .defaultSchema("public")
                .table(HISTORY_TABLE)
                // a history table another version of the code wrote ahead of this one is no reason to stop
                .ignoreMigrationPatterns("*:future")
                .load();
    }

    /** The event store is not at the version this code expects: a service refuses to start. */
    public static final class EventStoreOutdated extends IllegalStateException {
        public EventStoreOutdated(String message) {
            super(message);
        }
    }
}
