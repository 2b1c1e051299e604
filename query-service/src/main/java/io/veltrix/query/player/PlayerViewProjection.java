package io.veltrix.query.player;

import io.veltrix.api.find.ClueFindRefused;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFindRepeated;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.query.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the player view adds to the leaderboard's facts: attempt counters, and the token hashes
 * the query side authenticates players with. One player's events arrive in order, so plain
 * increments are exact (the batch commits with the token, never twice).
 */
@Component
@ProcessingGroup(Projections.PLAYER_VIEW)
class PlayerViewProjection {

    private final JdbcClient jdbc;
    private final Projections projections;

    PlayerViewProjection(JdbcClient jdbc, Projections projections) {
        this.jdbc = jdbc;
        this.projections = projections;
    }

    @EventHandler
    void on(PlayerRegistered e) {
        projections.inSavepoint(() -> {
            jdbc.sql("""
                            INSERT INTO player_credential (token_hash, player_id, hunt_id) VALUES (:hash, :player, :hunt)
                            ON CONFLICT (token_hash) DO NOTHING""")
                    .param("hash", e.tokenHash()).param("player", e.playerId().value()).param("hunt", e.huntId().value())
                    .update();
            jdbc.sql("""
                            INSERT INTO player_activity (player_id, hunt_id) VALUES (:player, :hunt)
                            ON CONFLICT (player_id) DO NOTHING""")
                    .param("player", e.playerId().value()).param("hunt", e.huntId().value())
                    .update();
        });
    }

    @EventHandler
    void on(ClueFindRejected e) {
        count("UPDATE player_activity SET wrong_attempts = wrong_attempts + 1 WHERE player_id = :player", e.playerId().value());
    }

    @EventHandler
    void on(ClueFindRefused e) {
        count("UPDATE player_activity SET refused_attempts = refused_attempts + 1 WHERE player_id = :player", e.playerId().value());
    }

    @EventHandler
    void on(ClueFindRepeated e) {
        count("UPDATE player_activity SET repeated_finds = repeated_finds + 1 WHERE player_id = :player", e.playerId().value());
    }

    private void count(String sql, String playerId) {
        projections.inSavepoint(() -> jdbc.sql(sql).param("player", playerId).update());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM player_activity").update();
        jdbc.sql("DELETE FROM player_credential").update();
    }
}
