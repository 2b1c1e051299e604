package io.veltrix.command.player;

import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.PlayerTokenRevoked;
import io.veltrix.api.team.TeamMemberJoined;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.security.RevocationLogPruner;
import io.veltrix.platform.security.TokenRevocations;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Player credentials (token hashes) and team memberships of the command side, written in the
 * registration's or the revocation's own transaction; the lookup Bearer authentication uses, and
 * the log of revoked tokens that every instance's token cache reads.
 */
@Component
@ProcessingGroup("command-tables")
public class PlayerTables implements PlayerTokens, TokenRevocations, RevocationLogPruner.PrunableLog {

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
    void on(TeamMemberJoined event) {
        jdbc.sql("INSERT INTO team_member (player_id, team_id, hunt_id) VALUES (?, ?, ?)")
                .params(event.playerId().value(), event.teamId().value(), event.huntId().value())
                .update();
    }

    @EventHandler
    void on(TeamMemberRemoved event) {
        jdbc.sql("DELETE FROM team_member WHERE player_id = ?").param(event.playerId().value()).update();
    }

    @EventHandler
    void on(PlayerDisqualified event) {
        memberDisqualified(event.playerId().value(), true);
    }

    @EventHandler
    void on(PlayerReinstated event) {
        memberDisqualified(event.playerId().value(), false);
    }

    /** Only a team member has a row here: a solo player's own aggregate knows it is disqualified. */
    private void memberDisqualified(String playerId, boolean disqualified) {
        jdbc.sql("UPDATE team_member SET disqualified = ? WHERE player_id = ?").params(disqualified, playerId).update();
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
    public int forgetRevokedBefore(Duration age) {
        return jdbc.sql("DELETE FROM player_token_revocation WHERE revoked_at < now() - make_interval(secs => ?)")
                .param((double) age.toSeconds())
                .update();
    }

    @Override
    public Optional<PlayerPrincipal> findByTokenHash(String tokenHash) {
        // PlayerTokenFilter remembers what is found here: a member never moves to another team, and
        // the team itself refuses a member it removed
        return jdbc.sql("""
                        SELECT c.player_id, c.hunt_id, m.team_id
                        FROM player_credential c LEFT JOIN team_member m ON m.player_id = c.player_id
                        WHERE c.token_hash = ?
                        """)
                .param(tokenHash)
                .query((rs, n) -> new PlayerPrincipal(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** The hunt a player registered for, if the player exists. */
    public Optional<String> huntOf(String playerId) {
        return jdbc.sql("SELECT hunt_id FROM player_credential WHERE player_id = ?")
                .param(playerId).query(String.class).optional();
    }
}
