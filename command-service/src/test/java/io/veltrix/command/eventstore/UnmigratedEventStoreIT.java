package io.veltrix.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.command.CommandServiceApplication;
import io.veltrix.eventstore.schema.EventStoreSchema.EventStoreOutdated;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import io.veltrix.testsupport.TestStaff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The command service does not migrate the event store (it holds no account that could): started
 * on its own role against a store its owner has not migrated, it refuses to start, saying how to
 * migrate, and has created nothing in the event store's schema.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnmigratedEventStoreIT {

    @Test
    void aServiceStartedAgainstAnUnmigratedEventStoreRefusesAndSaysHowToMigrate(CapturedOutput output) throws Exception {
        ServiceDatabase database = EmbeddedDatabase.freshDatabaseWithServiceRoles();

        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.commandUser(),
                "--spring.datasource.password=" + database.commandPassword(),
                "--veltrix.organizer.user=org", "--veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
                "--veltrix.auditor.user=aud", "--veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
                "--veltrix.admin.user=adm", "--veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
                "--veltrix.answer-key=dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXk="))
                .hasRootCauseInstanceOf(EventStoreOutdated.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("the event store has no tables yet, this service needs version")
                .contains("--migrate-event-store");
        try (Connection c = EmbeddedDatabase.superuser(database.url()); Statement s = c.createStatement();
             ResultSet tables = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("tables in the event store's schema").isZero();
        }
    }
}
