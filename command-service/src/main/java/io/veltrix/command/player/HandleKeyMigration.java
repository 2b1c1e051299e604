package io.veltrix.command.player;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema migration 4 of the command side: handle keys become confusable skeletons
 * ({@link Handles#keys}), up to two rows per player, replacing the case-folded keys of version 1.
 * In Java because SQL cannot compute skeletons. Players already registered keep their handles
 * reserved: each one's keys are computed from the handle in its {@code PlayerRegistered} event
 * (from the stored folded key when the event is not in this database, as under Axon Server, which
 * loses only the look-alikes that differ in case). Where two registered players now collide, the
 * one registered first keeps the key; both stay registered. Runs while the service starts, before
 * it takes requests; instances of the previous version still running meanwhile keep writing folded
 * keys, so upgrade every command-service instance together.
 */
@Component
public class HandleKeyMigration implements JavaMigration {

    private static final int BATCH = 1_000;

    private record Claim(String huntId, String playerId, String handle) {
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "confusable handle keys";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE player_handle DROP CONSTRAINT player_handle_player_id_key");
            ddl.execute("CREATE INDEX player_handle_player ON player_handle (player_id)");
        }
        List<Claim> claims = registeredPlayers(connection);
        if (claims.isEmpty()) {
            return;
        }
        try (Statement clear = connection.createStatement()) {
            clear.execute("DELETE FROM player_handle");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO player_handle (hunt_id, handle_key, player_id) VALUES (?, ?, ?)
                ON CONFLICT (hunt_id, handle_key) DO NOTHING""")) {
            int pending = 0;
            for (Claim claim : claims) {
                for (String key : Handles.keys(claim.handle())) {
                    insert.setString(1, claim.huntId());
                    insert.setString(2, key);
                    insert.setString(3, claim.playerId());
                    insert.addBatch();
                    pending++;
                }
                if (pending >= BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    /** Every registered player with the handle as typed when it can be read, in registration order. */
    private static List<Claim> registeredPlayers(Connection connection) throws Exception {
        boolean eventsHere;
        try (Statement probe = connection.createStatement();
             ResultSet table = probe.executeQuery("SELECT to_regclass('public.domain_event_entry') IS NOT NULL")) {
            table.next();
            eventsHere = table.getBoolean(1);
        }
        String query = eventsHere ? """
                SELECT h.hunt_id, h.player_id, h.handle_key,
                       convert_from(e.payload, 'UTF8')::jsonb ->> 'handle' AS handle
                FROM player_handle h
                LEFT JOIN public.domain_event_entry e
                       ON e.aggregate_identifier = h.player_id AND e.sequence_number = 0
                      AND e.payload_type = 'io.veltrix.api.player.PlayerRegistered'
                ORDER BY e.global_index NULLS LAST, h.player_id""" : """
                SELECT hunt_id, player_id, handle_key, NULL AS handle FROM player_handle ORDER BY player_id""";
        List<Claim> claims = new ArrayList<>();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(query)) {
            while (rows.next()) {
                String handle = rows.getString("handle");
                claims.add(new Claim(rows.getString("hunt_id"), rows.getString("player_id"),
                        handle != null ? handle : rows.getString("handle_key")));
            }
        }
        return claims;
    }
}
