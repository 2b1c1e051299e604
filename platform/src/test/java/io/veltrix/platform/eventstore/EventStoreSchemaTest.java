package io.veltrix.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.eventstore.schema.EventStoreSchema.EventStoreOutdated;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The services never migrate the event store: its owner does, before they start, and each service
 * checks at start, with nothing but its own role, that the store is at the version its code expects.
 */
class EventStoreSchemaTest {

    private static DataSource asCommand(ServiceDatabase database) {
        return new DriverManagerDataSource(database.url(), database.commandUser(), database.commandPassword());
    }

    private static DataSource asQuery(ServiceDatabase database) {
        return new DriverManagerDataSource(database.url(), database.queryUser(), database.queryPassword());
    }

    @Test
    void anUnmigratedEventStoreIsRefusedWithHowToMigrateIt() {
        ServiceDatabase database = EmbeddedDatabase.freshDatabaseWithServiceRoles();

        for (DataSource service : new DataSource[] {asCommand(database), asQuery(database)}) {
            assertThatThrownBy(() -> EventStoreSchema.requireCurrent(service))
                    .isInstanceOf(EventStoreOutdated.class)
                    .hasMessageContaining("the event store has no tables yet, this service needs version 4")
                    .hasMessageContaining("--migrate-event-store")
                    .hasMessageContaining("VELTRIX_DB_EVENTSTORE_PASSWORD");
        }
    }

    @Test
    void anEventStoreBehindTheCodeIsRefusedNamingBothVersions() {
        ServiceDatabase database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        Flyway.configure().dataSource(database.url(), database.eventStoreUser(), database.eventStorePassword())
                .locations("classpath:db/eventstore").schemas("public").defaultSchema("public")
                .table(EventStoreSchema.HISTORY_TABLE).target("3").load().migrate();

        assertThatThrownBy(() -> EventStoreSchema.requireCurrent(asQuery(database)))
                .isInstanceOf(EventStoreOutdated.class)
                .hasMessageContaining("the event store is at version 3, this service needs version 4");
        // version 4 is what lets the command role read the history: before it, it is told so
        assertThatThrownBy(() -> EventStoreSchema.requireCurrent(asCommand(database)))
                .isInstanceOf(EventStoreOutdated.class)
                .hasMessageContaining("may not read " + EventStoreSchema.HISTORY_TABLE)
                .hasMessageContaining("--migrate-event-store");
    }

    @Test
    void aStoreItsOwnerMigratedPassesTheCheckOfEitherServicesRole() {
        ServiceDatabase database = EmbeddedDatabase.migrateEventStore(EmbeddedDatabase.freshDatabaseWithServiceRoles());

        assertThatCode(() -> EventStoreSchema.requireCurrent(asCommand(database))).doesNotThrowAnyException();
        assertThatCode(() -> EventStoreSchema.requireCurrent(asQuery(database))).doesNotThrowAnyException();
    }

    @Test
    void aStoreANewerVersionMigratedFurtherStillPasses() throws Exception {
        ServiceDatabase database = EmbeddedDatabase.migrateEventStore(EmbeddedDatabase.freshDatabaseWithServiceRoles());
        try (Connection c = EmbeddedDatabase.superuser(database.url()); Statement s = c.createStatement()) {
            s.execute("INSERT INTO public." + EventStoreSchema.HISTORY_TABLE + " (installed_rank, version, description,"
                    + " type, script, checksum, installed_by, execution_time, success)"
                    + " VALUES (99, '99', 'of a later version', 'SQL', 'V99__later.sql', 0, 'veltrix_eventstore', 1, true)");
        }

        assertThatCode(() -> EventStoreSchema.requireCurrent(asCommand(database))).doesNotThrowAnyException();
    }

    @Test
    void neitherServicesRoleCanMigrateTheEventStoreItself() {
        ServiceDatabase database = EmbeddedDatabase.freshDatabaseWithServiceRoles();

        assertThatThrownBy(() -> EventStoreSchema.migrate(asCommand(database))).isInstanceOf(FlywayException.class);
        assertThatThrownBy(() -> EventStoreSchema.migrate(asQuery(database))).isInstanceOf(FlywayException.class);
        assertThat(EmbeddedDatabase.migrateEventStore(database)).isSameAs(database);
        assertThatCode(() -> EventStoreSchema.requireCurrent(asQuery(database))).doesNotThrowAnyException();
    }
}
