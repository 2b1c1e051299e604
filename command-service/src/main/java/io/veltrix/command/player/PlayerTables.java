package io.veltrix.command.player;

import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Player credentials (token hashes) of the command side, written in the registration's own
 * transaction, and the lookup Bearer authentication uses (cached: tokens never change).
 */
@Component
@ProcessingGroup("command-tables")
public class PlayerTables implements PlayerTokens {

    private final JdbcClient jdbc;

    public PlayerTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PlayerRegistered event) {
        jdbc.sql("INSERT INTO player_credential (token_hash, player_id, hunt_id) VALUES (?, ?, ?)")
                .params(event.tokenHash(), event.playerId().value(), event.huntId().value())
                .update();
    }

    @Override
    public Optional<PlayerPrincipal> findByTokenHash(String tokenHash) {
        // PlayerTokenFilter remembers what is found here
        return jdbc.sql("SELECT player_id, hunt_id FROM player_credential WHERE token_hash = ?")
                .param(tokenHash)
                .query((rs, n) -> new PlayerPrincipal(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** The hunt a player registered for, if the player exists. */
    public Optional<String> huntOf(String playerId) {
        return jdbc.sql("SELECT hunt_id FROM player_credential WHERE player_id = ?")
                .param(playerId).query(String.class).optional();
    }
}
