package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veltrix.launcher.EventStoreMigrationStep.Account;
import io.veltrix.pgbinaries.ServiceRoles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventStoreMigrationStepTest {

    @Test
    void givenTheOwnersPasswordTheOwnerMigratesAnExternalStore() {
        assertEquals(Optional.of(new Account(ServiceRoles.EVENTSTORE, "owner-secret")),
                EventStoreMigrationStep.externalMigrator(Map.of(Secrets.DB_EVENTSTORE_PASSWORD, "owner-secret",
                        Secrets.DB_COMMAND_PASSWORD, "c", Secrets.DB_QUERY_PASSWORD, "q")));
        assertEquals(Optional.of(new Account("store_owner", "owner-secret")),
                EventStoreMigrationStep.externalMigrator(Map.of(Secrets.DB_EVENTSTORE_PASSWORD, "owner-secret",
                        EventStoreMigrationStep.OWNER_USERNAME, "store_owner")));
    }

    @Test
    void servicesWithTheirOwnRolesButNoOwnersPasswordMigrateNothing() {
        assertEquals(Optional.empty(), EventStoreMigrationStep.externalMigrator(Map.of(
                Secrets.DB_COMMAND_PASSWORD, "c", Secrets.DB_QUERY_PASSWORD, "q")));
    }

    @Test
    void servicesSharingOneAccountMigrateWithIt() {
        assertEquals(Optional.of(new Account("shared", "shared-secret")), EventStoreMigrationStep.externalMigrator(Map.of(
                "SPRING_DATASOURCE_USERNAME", "shared", "SPRING_DATASOURCE_PASSWORD", "shared-secret")));
    }

    @Test
    void theMigrationCommandNamesWhatItLacksAndTouchesNoDatabase() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = EventStoreMigrationStep.migrateFrom(Map.of(Settings.DATASOURCE_URL, "jdbc:postgresql://localhost:1/x"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(Secrets.DB_EVENTSTORE_PASSWORD), err.toString());
    }

    @Test
    void aFailedMigrationIsAnExitCodeAndOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // nothing listens on port 1: the migration cannot connect
        int exit = EventStoreMigrationStep.migrateFrom(Map.of(Settings.DATASOURCE_URL, "jdbc:postgresql://localhost:1/x",
                        Secrets.DB_EVENTSTORE_PASSWORD, "owner-secret"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("veltrix: the event store's migration as "
                + ServiceRoles.EVENTSTORE + " failed"), err.toString());
    }
}
