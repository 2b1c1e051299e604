package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.command.CommandServiceApplication;
import io.veltrix.command.CommandServiceIT;
import io.veltrix.testsupport.TestStaff;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Revoked player tokens stop working on every command-service instance on the database within the
 * revocation poll (1 s here, awaited for at most {@link #BOUND}): a stolen token is revoked by an
 * organizer, whose answer carries the replacement for the player; a disqualification revokes too.
 */
class TokenRevocationIT extends CommandServiceIT {

    /** The poll interval (1 s) with room for a slow machine; a cache that never forgets fails it. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    private static ConfigurableApplicationContext other;

    @Autowired
    Environment environment;

    private String hunt;
    private String clue;

    @BeforeEach
    void secondInstanceAndARunningHunt() {
        if (other == null) {
            other = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                    "--spring.datasource.hikari.maximum-pool-size=8",
                    "--veltrix.organizer.user=org", "--veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
                    "--veltrix.auditor.user=aud", "--veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
                    "--veltrix.admin.user=adm", "--veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
                    "--veltrix.answer-key=" + environment.getProperty("veltrix.answer-key"),
                    "--veltrix.events.notify.enabled=false");
        }
        hunt = createHunt("{\"name\":\"Revocations\"}");
        clue = addClue(hunt, "Clue", List.of("right"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (other != null) {
            other.close();
            other = null;
        }
    }

    private int otherPort() {
        return ((WebServerApplicationContext) other).getWebServer().getPort();
    }

    /**
     * A wrong answer sent to one instance: 401 for a revoked token; for a valid one 200, or 429 once
     * the wrong answers lock the clue (the token was accepted either way).
     */
    private int findStatus(int instancePort, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + instancePort + "/api/hunts/" + hunt + "/finds"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString(json(java.util.Map.of("clueId", clue, "answer", "wrong"))))
                .build()).status();
    }

    private Answer revoke(String playerId, String reason, String authorization, String... headers) {
        return post("/api/hunts/" + hunt + "/players/" + playerId + "/tokens/revoke",
                json(java.util.Map.of("reason", reason)), authorization, headers);
    }

    private long events(String playerId, String type) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?")
                .params(playerId, type).query(Long.class).single();
    }

    @Test
    void anOrganizerRevokesAStolenTokenOnEveryInstanceAndHandsTheReplacementToThePlayer() {
        JsonNode alice = register(hunt, unique("alice"));
        String playerId = alice.get("playerId").asText();
        String stolen = alice.get("token").asText();
        // both instances know the token, so each has it in its cache
        assertThat(findStatus(port, stolen)).isIn(200, 429);
        assertThat(findStatus(otherPort(), stolen)).isIn(200, 429);

        String key = UUID.randomUUID().toString();
        Answer revoked = revoke(playerId, "token seen on a stranger's phone", ORGANIZER, "Idempotency-Key", key);
        assertThat(revoked.status()).isEqualTo(200);
        String replacement = revoked.json().get("token").asText();
        assertThat(replacement).startsWith("vxp_").isNotEqualTo(stolen);
        assertThat(revoked.json().get("devicePath").asText())
                .startsWith("/play/" + hunt + "#player=" + playerId + "&token=");
        assertThat(revoked.json().has("issue")).isFalse();

        await().atMost(BOUND).until(() -> findStatus(port, stolen) == 401);
        await().atMost(BOUND).until(() -> findStatus(otherPort(), stolen) == 401);
        assertThat(findStatus(port, replacement)).isIn(200, 429);
        assertThat(findStatus(otherPort(), replacement)).isIn(200, 429);

        // a retried revocation answers the same replacement and revokes nothing more
        Answer retried = revoke(playerId, "token seen on a stranger's phone", ORGANIZER, "Idempotency-Key", key);
        assertThat(retried.json().get("token").asText()).isEqualTo(replacement);
        assertThat(events(playerId, "io.veltrix.api.player.PlayerTokenRevoked")).isEqualTo(1);
        // the audit trail names who revoked and why; the token itself is in no event
        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND payload_type = 'io.veltrix.api.player.PlayerTokenRevoked'")
                .param(playerId).query(String.class).single();
        assertThat(payload).contains("\"organizer\":\"org\"", "stranger").doesNotContain(replacement);
    }

    @Test
    void onlyStaffRevokeAndTheThiefCannotGetTheReplacement() {
        JsonNode alice = register(hunt, unique("alice"));
        String playerId = alice.get("playerId").asText();
        String stolen = alice.get("token").asText();
        assertThat(revoke(playerId, "mine now", bearer(stolen)).status()).isEqualTo(403);
        assertThat(revoke(playerId, "mine now", null).status()).isEqualTo(401);
        assertThat(revoke(playerId, " ", ORGANIZER).status()).isEqualTo(400);
        assertThat(revoke(UUID.randomUUID().toString(), "nobody", ORGANIZER).status()).isEqualTo(404);
        assertThat(events(playerId, "io.veltrix.api.player.PlayerTokenRevoked")).isZero();
        assertThat(findStatus(port, stolen)).isIn(200, 429);
    }

    @Test
    void aDisqualificationRevokesThePlayersTokensOnEveryInstance() {
        JsonNode bob = register(hunt, unique("bob"));
        String playerId = bob.get("playerId").asText();
        String token = bob.get("token").asText();
        assertThat(findStatus(port, token)).isIn(200, 429);
        assertThat(findStatus(otherPort(), token)).isIn(200, 429);

        Answer disqualified = post("/api/hunts/" + hunt + "/players/" + playerId + "/disqualify",
                "{\"reason\":\"shared answers\"}", ORGANIZER);
        assertThat(disqualified.status()).isEqualTo(200);
        await().atMost(BOUND).until(() -> findStatus(port, token) == 401);
        await().atMost(BOUND).until(() -> findStatus(otherPort(), token) == 401);
        assertThat(events(playerId, "io.veltrix.api.player.PlayerTokenRevoked")).isEqualTo(1);

        // reinstated, the player gets a token only from an organizer
        assertThat(post("/api/hunts/" + hunt + "/players/" + playerId + "/reinstate", null, ORGANIZER).status())
                .isEqualTo(200);
        assertThat(findStatus(port, token)).isEqualTo(401);
        String fresh = revoke(playerId, "reinstated", ORGANIZER).json().get("token").asText();
        assertThat(findStatus(otherPort(), fresh)).isIn(200, 429);
    }
}
