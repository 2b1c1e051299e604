package io.veltrix.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.pgbinaries.ServiceRoles;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The event store belongs to {@code veltrix_eventstore}, which runs its migrations; the command
 * service's role appends and reads events but cannot change the tables: no deliberate DDL of its own
 * can switch off the append-only trigger or take back the privileges it gave up.
 */
class EventStoreOwnerTest {

    private static final String REFUSED = "42501";

    private static void migrateAsOwner(ServiceDatabase database) {
        EventStoreSchema.migrate(
                new DriverManagerDataSource(database.url(), database.eventStoreUser(), database.eventStorePassword()));
    }

    private static String owner(ServiceDatabase database, String table) {
        try (Connection c = DriverManager.getConnection(database.url(), "postgres", EmbeddedDatabase.SUPERUSER_PASSWORD);
             Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public." + table + "'::regclass")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the command service does with the event store, and the DDL it must not be able to do. */
    private static void theCommandRoleAppendsButCannotChangeTheTables(ServiceDatabase database, String event) {
        assertThat(owner(database, "domain_event_entry")).isEqualTo(ServiceRoles.EVENTSTORE);
        assertThat(database.asCommand("SELECT nextval('public.domain_event_entry_global_index_seq')")).isEqualTo("ok");
        assertThat(database.asCommand("INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) VALUES ('" + event + "', '" + event
                + "', 0, 'now', 'x', '\\x00')")).isEqualTo("ok");
        assertThat(database.asCommand("SELECT count(*) FROM public.domain_event_entry")).isEqualTo("ok");
        assertThat(database.asCommand("INSERT INTO public.snapshot_event_entry (aggregate_identifier, sequence_number,"
                + " type, event_identifier, payload, payload_type, time_stamp) VALUES ('" + event + "', 0, 'T', '"
                + event + "', '\\x00', 'x', 'now')")).isEqualTo("ok");
        assertThat(database.asCommand("DELETE FROM public.snapshot_event_entry WHERE aggregate_identifier = '"
                + event + "'")).as("Axon deletes the snapshots a newer one replaces").isEqualTo("ok");
        assertThat(database.asCommand("SELECT count(*) FROM public.eventstore_schema_history")).isEqualTo("ok");

        assertThat(database.asCommand("ALTER TABLE public.domain_event_entry DISABLE TRIGGER domain_event_entry_append_only"))
                .isEqualTo(REFUSED);
        assertThat(database.asCommand("DROP TRIGGER domain_event_entry_append_only ON public.domain_event_entry"))
                .isEqualTo(REFUSED);
        assertThat(database.asCommand("ALTER TABLE public.domain_event_entry ADD COLUMN forged text")).isEqualTo(REFUSED);
        assertThat(database.asCommand("DROP TABLE public.domain_event_entry")).isEqualTo(REFUSED);
        assertThat(database.asCommand("GRANT UPDATE ON public.domain_event_entry TO veltrix_command; "
                + "UPDATE public.domain_event_entry SET payload = payload")).isEqualTo(REFUSED);
        assertThat(database.asCommand("UPDATE public.domain_event_entry SET payload = payload WHERE false"))
                .isEqualTo(REFUSED);
        assertThat(database.asCommand("CREATE TABLE public.beside_the_store (x int)")).isEqualTo(REFUSED);
    }

    @Test
    void aNewEventStoreBelongsToItsOwnerAndTheCommandRoleOnlyReadsAndAppends() {
        ServiceDatabase database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        migrateAsOwner(database);
        theCommandRoleAppendsButCannotChangeTheTables(database, "new-store");
    }

    @Test
    void anEventStoreTheCommandRoleCreatedIsHandedToTheOwnerAtTheNextStart() throws SQLException {
        ServiceDatabase database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        // as the version before: the command role could create in public and made the event store
        try (Connection c = DriverManager.getConnection(database.url(), "postgres", EmbeddedDatabase.SUPERUSER_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("GRANT CREATE ON SCHEMA public TO veltrix_command");
        }
        Flyway.configure().dataSource(database.url(), database.commandUser(), database.commandPassword())
                .locations("classpath:db/eventstore").schemas("public").defaultSchema("public")
                .table("eventstore_schema_history").target("3").load().migrate();
        assertThat(owner(database, "domain_event_entry")).isEqualTo(ServiceRoles.COMMAND);
        assertThat(database.asCommand("INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) VALUES ('old', 'old', 0, 'now', 'x', '\\x00')"))
                .isEqualTo("ok");

        // the next start: the roles set-up (as a superuser), then the event store's migrations as its owner
        try (Connection c = DriverManager.getConnection(database.url(), "postgres", EmbeddedDatabase.SUPERUSER_PASSWORD)) {
            ServiceRoles.run(c, ServiceRoles.script(), new ServiceRoles.Passwords(database.commandPassword(),
                    database.queryPassword(), database.eventStorePassword()));
        }
        migrateAsOwner(database);

        theCommandRoleAppendsButCannotChangeTheTables(database, "after-handover");
        assertThat(database.asQuery(
                "SELECT count(*) FROM public.domain_event_entry WHERE event_identifier = 'old'")).isEqualTo("ok");
        assertThat(database.asQuery(
                "UPDATE public.token_entry SET owner = owner WHERE false")).isEqualTo("ok");
    }
}
