package io.veltrix.command.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.SchemaMigrations;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hunts created before organizers owned hunts keep being run by the account that created them:
 * the schema migration that brings owners reads each creator from the hunt's HuntCreated event,
 * of either revision.
 */
class HuntOwnerMigrationTest {

    private final String url = EmbeddedDatabase.freshDatabase();
    private final SchemaMigrations migrations = new SchemaMigrations(url);

    @Test
    void huntsStoredBeforeAccountsBelongToTheirCreators() throws SQLException {
        migrations.eventStore();
        migrations.commandSchema("4").migrate();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            created(db, "hunt-v1", "1", "organizer");
            created(db, "hunt-v2", "2", "former-organizer");

            migrations.commandSchema("latest").migrate();

            assertThat(owners(db, "hunt-v1")).containsExactly("organizer");
            assertThat(owners(db, "hunt-v2")).containsExactly("former-organizer");
        }
    }

    private static void created(Connection db, String hunt, String revision, String organizer) throws SQLException {
        String payload = "{\"endsAt\":null,\"firstFinderBonus\":0,\"huntId\":\"" + hunt + "\","
                + ("2".equals(revision) ? "\"joinCodeHash\":null," : "")
                + "\"lockoutWindowSeconds\":60,\"maxPlayers\":null,\"maxWrongAttempts\":5,\"name\":\"Old\","
                + "\"organizer\":\"" + organizer + "\",\"startsAt\":null}";
        try (PreparedStatement event = db.prepareStatement("""
                INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload)
                VALUES (?, ?, 0, 'Hunt', '2026-11-30T10:00:00Z', 'io.veltrix.api.hunt.HuntCreated', ?, ?)""")) {
            event.setString(1, UUID.randomUUID().toString());
            event.setString(2, hunt);
            event.setString(3, revision);
            event.setBytes(4, payload.getBytes(StandardCharsets.UTF_8));
            event.executeUpdate();
        }
    }

    private static List<String> owners(Connection db, String hunt) throws SQLException {
        List<String> owners = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT username FROM command.hunt_organizer WHERE hunt_id = ?")) {
            select.setString(1, hunt);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
        }
        return owners;
    }
}
