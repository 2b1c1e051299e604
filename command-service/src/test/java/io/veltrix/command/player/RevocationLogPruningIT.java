package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.command.CommandServiceIT;
import io.veltrix.platform.security.RevocationLogPruner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The revocation log of player tokens keeps only what a token cache can still need: entries older
 * than the retention (1 h) are deleted by the scheduled pruner, and their tokens stay refused.
 */
class RevocationLogPruningIT extends CommandServiceIT {

    @Autowired
    RevocationLogPruner pruner;

    private long logEntries(String playerId) {
        return jdbc.sql("SELECT count(*) FROM player_token_revocation WHERE player_id = ?")
                .param(playerId).query(Long.class).single();
    }

    private String revoke(String hunt, String playerId) {
        Answer revoked = post("/api/hunts/" + hunt + "/players/" + playerId + "/tokens/revoke",
                json(Map.of("reason", "lost phone")), ORGANIZER);
        assertThat(revoked.status()).isEqualTo(200);
        return revoked.json().get("token").asText();
    }

    private int findStatus(String hunt, String clue, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/hunts/" + hunt + "/finds"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("clueId", clue, "answer", "wrong"))))
                .build()).status();
    }

    @Test
    void entriesOlderThanTheRetentionAreDeletedAndTheirTokensStayRefused() {
        String hunt = createHunt("{\"name\":\"Pruned revocations\"}");
        String clue = addClue(hunt, "Clue", List.of("right"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        JsonNode alice = register(hunt, unique("alice"));
        JsonNode bob = register(hunt, unique("bob"));
        String aliceId = alice.get("playerId").asText();
        String bobId = bob.get("playerId").asText();
        String aliceReplacement = revoke(hunt, aliceId);
        revoke(hunt, bobId);
        assertThat(logEntries(aliceId)).isEqualTo(1);
        assertThat(logEntries(bobId)).isEqualTo(1);

        // alice's revocation happened two hours ago, bob's a moment ago
        jdbc.sql("UPDATE player_token_revocation SET revoked_at = revoked_at - interval '2 hours' WHERE player_id = ?")
                .param(aliceId).update();
        assertThat(pruner.prune()).isGreaterThanOrEqualTo(1);

        assertThat(logEntries(aliceId)).isZero();
        assertThat(logEntries(bobId)).isEqualTo(1);
        // the log only makes caches forget: the credential decides, so the old token stays refused
        assertThat(findStatus(hunt, clue, alice.get("token").asText())).isEqualTo(401);
        assertThat(findStatus(hunt, clue, aliceReplacement)).isIn(200, 429);
    }
}
