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
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate batch;

    PlayerViewProjection(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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

    private void write(Changes changes) {
        if (!changes.registered().isEmpty()) {
            batch.batchUpdate("""
                            INSERT INTO player_view_token (token_hash, player_id, hunt_id) VALUES (?, ?, ?)
                            ON CONFLICT (token_hash) DO NOTHING""",
                    changes.registered(), changes.registered().size(), (ps, c) -> {
                        ps.setString(1, c.tokenHash());
                        ps.setString(2, c.playerId());
                        ps.setString(3, c.huntId());
                    });
            batch.batchUpdate("""
                            INSERT INTO player_activity (player_id, hunt_id) VALUES (?, ?)
                            ON CONFLICT (player_id) DO NOTHING""",
                    changes.registered(), changes.registered().size(), (ps, c) -> {
                        ps.setString(1, c.playerId());
                        ps.setString(2, c.huntId());
                    });
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
            List<Map.Entry<String, int[]>> rows = new ArrayList<>(changes.counters().entrySet());
            batch.batchUpdate("""
                            UPDATE player_activity SET wrong_attempts = wrong_attempts + ?,
                                refused_attempts = refused_attempts + ?, repeated_finds = repeated_finds + ?
                            WHERE player_id = ?""",
                    rows, rows.size(), (ps, row) -> {
                        ps.setInt(1, row.getValue()[0]);
                        ps.setInt(2, row.getValue()[1]);
                        ps.setInt(3, row.getValue()[2]);
                        ps.setString(4, row.getKey());
                    });
        }
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM player_activity").update();
        jdbc.sql("DELETE FROM player_view_token").update();
        // the revocation log stays: replayed revocations add their rows again
    }
}
