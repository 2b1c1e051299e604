package io.veltrix.command.player;

import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerTokenRevoked;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.security.TokenRevocations;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Player credentials (token hashes) of the command side, written in the registration's or the
 * revocation's own transaction; the lookup Bearer authentication uses, and the log of revoked
 * tokens that every instance's token cache reads.
 */
@Component
@ProcessingGroup("command-tables")
public class PlayerTables implements PlayerTokens, TokenRevocations {

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

    @EventHandler
    void on(PlayerTokenRevoked event) {
        String playerId = event.playerId().value();
        jdbc.sql("INSERT INTO player_token_revocation (token_hash, player_id) "
                        + "SELECT token_hash, player_id FROM player_credential WHERE player_id = ?")
                .param(playerId).update();
        jdbc.sql("UPDATE player_credential SET token_hash = ? WHERE player_id = ?")
                .params(credentialOf(event), playerId).update();
    }

    /**
     * The stored hash that replaces the revoked one: the new token's, or when none is issued a value
     * no presented token hashes to (hashes are 64 hex digits), keeping the player's row for huntOf.
     */
    static String credentialOf(PlayerTokenRevoked event) {
        return event.tokenHash() != null ? event.tokenHash() : "revoked:" + event.playerId().value();
    }

    @Override
    public Revoked revokedAfter(Instant since) {
        return jdbc.sql("SELECT now(), ARRAY(SELECT token_hash FROM player_token_revocation WHERE revoked_at > ?)")
                .param(Timestamp.from(since))
                .query((rs, n) -> new Revoked(rs.getTimestamp(1).toInstant(),
                        java.util.List.of((String[]) rs.getArray(2).getArray())))
                .single();
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
