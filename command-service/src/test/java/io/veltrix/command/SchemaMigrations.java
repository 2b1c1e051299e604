package io.veltrix.command;

import io.veltrix.command.player.HandleKeyMigration;
import org.flywaydb.core.Flyway;

/**
 * The command service's migrations run by hand on a fresh database, as the service runs them at
 * start-up: for tests that store data the way an older version did, then migrate to the latest.
 */
public final class SchemaMigrations {

    private final String url;

    public SchemaMigrations(String url) {
        this.url = url;
    }

    /** The event store's tables, all versions. */
    public void eventStore() {
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/eventstore")
                .schemas("public").defaultSchema("public").table("eventstore_schema_history").load().migrate();
    }

    /** The command schema up to {@code target} (a version, or "latest"). */
    public Flyway commandSchema(String target) {
        return Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .schemas("command").defaultSchema("command").table("command_schema_history")
                .locations("classpath:db/migration")
                .javaMigrations(new HandleKeyMigration())
                .target(target)
                .load();
    }
}
