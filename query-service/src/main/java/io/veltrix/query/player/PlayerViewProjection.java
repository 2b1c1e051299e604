package io.veltrix.query.player;

import io.veltrix.api.find.ClueFindRefused;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFindRepeated;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.TeamClueFindRefused;
import io.veltrix.api.team.TeamClueFindRejected;
import io.veltrix.api.team.TeamClueFindRepeated;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerTokenRevoked;
import io.veltrix.query.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the player view adds to the leaderboard's facts: attempt counters, and the token hashes
 * the query side authenticates players with. Counters are plain increments, exact because a
 * batch commits with its token (never twice); a batch writes them set-wise. A team member's
 * counters are the attempts they made for their team.
 *
 * <p>It runs in the leaderboard's processing group (see {@link Projections#LEADERBOARD}): its rows
 * commit with the board's and one token. The one event both handle, {@link PlayerRegistered}, is
 * written idempotently by each (a conflict on the player or token does nothing), so an event that
 * fails in one of them and is parked leaves nothing that its retry would count twice.
 */
@Component
@ProcessingGroup(Projections.LEADERBOARD)
class PlayerViewProjection {

    private static final String PENDING = PlayerViewProjection.class.getName() + ".pending";

    private final JdbcClient jdbc;

    PlayerViewProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Credential(String tokenHash, String playerId, String huntId) {
    }

    /** A player's tokens revoked; {@code tokenHash} replaces them, null: none does. */
    private record Revocation(String playerId, String tokenHash) {
    }

    /**
     * One batch's changes: new players, revocations in their order, and per player {wrong, refused,
     * repeated} increments.
     */
    private record Changes(List<Credential> registered, List<Revocation> revoked, Map<String, int[]> counters) {
    }

    private Changes changes() {
        return Projections.batchBuffer(PENDING,
                () -> new Changes(new ArrayList<>(), new ArrayList<>(), new TreeMap<>()), this::write);
    }

    @EventHandler
    void on(PlayerRegistered e) {
        changes().registered().add(new Credential(Projections.checkId(e.tokenHash()), id(e.playerId()),
                Projections.checkId(e.huntId().value())));
    }

    @EventHandler
    void on(PlayerTokenRevoked e) {
        changes().revoked().add(new Revocation(id(e.playerId()),
                e.tokenHash() == null ? null : Projections.checkId(e.tokenHash())));
    }

    @EventHandler
    void on(ClueFindRejected e) {
        count(e.playerId(), 0);
    }

    @EventHandler
    void on(ClueFindRefused e) {
        count(e.playerId(), 1);
    }

    @EventHandler
    void on(ClueFindRepeated e) {
        count(e.playerId(), 2);
    }

    @EventHandler
    void on(TeamClueFindRejected e) {
        count(e.playerId(), 0);
    }

    @EventHandler
    void on(TeamClueFindRefused e) {
        count(e.playerId(), 1);
    }

    @EventHandler
    void on(TeamClueFindRepeated e) {
        count(e.playerId(), 2);
    }

    private void count(PlayerId player, int which) {
        changes().counters().computeIfAbsent(id(player), p -> new int[3])[which]++;
    }

    private static String id(PlayerId player) {
        return Projections.checkId(player.value());
    }

    /** Each kind of change in one statement, whatever the batch's number of players (each column an array). */
    private void write(Changes changes) {
        if (!changes.registered().isEmpty()) {
            String[] tokens = changes.registered().stream().map(Credential::tokenHash).toArray(String[]::new);
            String[] players = changes.registered().stream().map(Credential::playerId).toArray(String[]::new);
            String[] hunts = changes.registered().stream().map(Credential::huntId).toArray(String[]::new);
            jdbc.sql("""
                            INSERT INTO player_view_token (token_hash, player_id, hunt_id)
                            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
                            ON CONFLICT (token_hash) DO NOTHING""")
                    .params(tokens, players, hunts).update();
            jdbc.sql("""
                            INSERT INTO player_activity (player_id, hunt_id)
                            SELECT * FROM unnest(?::text[], ?::text[])
                            ON CONFLICT (player_id) DO NOTHING""")
                    .params(players, hunts).update();
        }
        for (Revocation revocation : changes.revoked()) {
            // one by one, in order: a player revoked twice in a batch ends with the last token
            jdbc.sql("INSERT INTO player_view_token_revocation (token_hash, player_id) "
                            + "SELECT token_hash, player_id FROM player_view_token WHERE player_id = ?")
                    .param(revocation.playerId()).update();
            // no token replaces them: a value no presented token hashes to (hashes are 64 hex digits)
            jdbc.sql("UPDATE player_view_token SET token_hash = ? WHERE player_id = ?")
                    .params(revocation.tokenHash() != null ? revocation.tokenHash() : "revoked:" + revocation.playerId(),
                            revocation.playerId())
                    .update();
        }
        if (!changes.counters().isEmpty()) {
            // one entry per player (the map's keys), so no row is updated twice by the statement
            Map<String, int[]> counters = changes.counters();
            jdbc.sql("""
                            UPDATE player_activity a SET wrong_attempts = a.wrong_attempts + d.wrong,
                                refused_attempts = a.refused_attempts + d.refused, repeated_finds = a.repeated_finds + d.repeated
                            FROM unnest(?::text[], ?::int[], ?::int[], ?::int[]) AS d (player_id, wrong, refused, repeated)
                            WHERE a.player_id = d.player_id""")
                    .params(counters.keySet().toArray(String[]::new),
                            counters.values().stream().map(c -> c[0]).toArray(Integer[]::new),
                            counters.values().stream().map(c -> c[1]).toArray(Integer[]::new),
                            counters.values().stream().map(c -> c[2]).toArray(Integer[]::new))
                    .update();
        }
    }

    @ResetHandler
    void reset() {
        Projections.empty(jdbc, "player_activity", "player_view_token");
        // the revocation log stays: replayed revocations add their rows again
    }
}
