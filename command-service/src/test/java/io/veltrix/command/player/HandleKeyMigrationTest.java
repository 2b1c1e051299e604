package io.veltrix.command.player;

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
 * Players registered under version 1's case-folded keys keep their handles reserved once keys are
 * confusable skeletons: the migration reads each handle back from its registration event.
 */
class HandleKeyMigrationTest {

    private final String url = EmbeddedDatabase.freshDatabase();
    private final SchemaMigrations migrations = new SchemaMigrations(url);

    @Test
    void handlesRegisteredBeforeKeepCollidingWithTheirLookAlikes() throws SQLException {
        migrations.eventStore();
        migrations.commandSchema("1").migrate();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            // as version 1 wrote them: one case-folded key per player, and the registration event
            registeredUnderVersionOne(db, "hunt-1", "p-ian", "Ian");
            registeredUnderVersionOne(db, "hunt-1", "p-alice", "Alice");
            // two players version 1 let in although they look alike: the first keeps the key
            registeredUnderVersionOne(db, "hunt-1", "p-bob", "bob");
            registeredUnderVersionOne(db, "hunt-1", "p-b0b", "b0b");

            migrations.commandSchema("latest").migrate();

            List<String> keys = keys(db, "hunt-1");
            assertThat(keys).containsAll(Handles.keys("\u0410lice")).containsAll(Handles.keys("lan"))
                    .containsAll(Handles.keys("IAN")).containsAll(Handles.keys("BOB"));
            assertThat(owners(db, "hunt-1", Handles.keys("bob").iterator().next())).containsExactly("p-bob");
            assertThat(owners(db, "hunt-1", Handles.keys("lan").iterator().next())).containsExactly("p-ian");
        }
    }

    @Test
    void anEmptyTableMigratesToo() throws SQLException {
        migrations.eventStore();
        assertThat(migrations.commandSchema("latest").migrate().success).isTrue();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            assertThat(keys(db, "any")).isEmpty();
        }
    }

    private static void registeredUnderVersionOne(Connection db, String hunt, String player, String handle)
            throws SQLException {
        try (PreparedStatement key = db.prepareStatement(
                "INSERT INTO command.player_handle (hunt_id, handle_key, player_id) VALUES (?, ?, ?)")) {
            key.setString(1, hunt);
            key.setString(2, handle.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT));
            key.setString(3, player);
            key.executeUpdate();
        }
        String payload = "{\"playerId\":\"" + player + "\",\"huntId\":\"" + hunt + "\",\"handle\":\"" + handle
                + "\",\"tokenHash\":\"h\"}";
        try (PreparedStatement event = db.prepareStatement("""
                INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload)
                VALUES (?, ?, 0, 'Player', '2026-11-30T10:00:00Z', 'io.veltrix.api.player.PlayerRegistered', ?)""")) {
            event.setString(1, UUID.randomUUID().toString());
            event.setString(2, player);
            event.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            event.executeUpdate();
        }
    }

    private static List<String> keys(Connection db, String hunt) throws SQLException {
        return column(db, "SELECT handle_key FROM command.player_handle WHERE hunt_id = ?", hunt, null);
    }

    private static List<String> owners(Connection db, String hunt, String key) throws SQLException {
        return column(db, "SELECT player_id FROM command.player_handle WHERE hunt_id = ? AND handle_key = ?", hunt, key);
    }

    private static List<String> column(Connection db, String sql, String hunt, String key) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(sql)) {
            select.setString(1, hunt);
            if (key != null) {
                select.setString(2, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
