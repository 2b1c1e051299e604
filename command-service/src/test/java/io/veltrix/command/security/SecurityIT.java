package io.veltrix.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 401/403 matrix: missing credentials, wrong role, another player's identity. */
class SecurityIT extends CommandServiceIT {

    @Test
    void organizerEndpointsNeedAnOrganizer() {
        String hunt = createHunt("{\"name\":\"Guarded\"}");
        String createBody = "{\"name\":\"x\"}";
        assertThat(post("/api/hunts", createBody, null).status()).isEqualTo(401);
        assertThat(post("/api/hunts", createBody, basic("org", "wrong")).status()).isEqualTo(401);
        assertThat(post("/api/hunts", createBody, AUDITOR).status()).isEqualTo(403);
        assertThat(post("/api/hunts", createBody, ADMIN).status()).isEqualTo(201);
        for (String action : List.of("publish", "start", "end", "freeze")) {
            var anonymous = post("/api/hunts/" + hunt + "/" + action, null, null);
            assertThat(anonymous.status()).as(action).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(post("/api/hunts/" + hunt + "/" + action, null, AUDITOR).status()).as(action).isEqualTo(403);
        }
    }

    @Test
    void playersActOnlyAsThemselvesInTheirOwnHunt() {
        String hunt = createHunt("{\"name\":\"Mine\"}");
        addClue(hunt, "Clue", List.of("a"), 10, "hint", 1);
        transition(hunt, "publish");
        transition(hunt, "start");
        String otherHunt = createHunt("{\"name\":\"Theirs\"}");
        addClue(otherHunt, "Clue", List.of("a"), 10, null, 0);
        transition(otherHunt, "publish");
        transition(otherHunt, "start");
        var alice = register(hunt, "alice");
        var bob = register(hunt, "bob");
        String clue = jdbc.sql("SELECT clue_id FROM hunt_clue WHERE hunt_id = ?").param(hunt).query(String.class).single();

        String findBody = "{\"clueId\":\"" + clue + "\",\"answer\":\"a\"}";
        assertThat(post("/api/hunts/" + hunt + "/finds", findBody, null).status()).isEqualTo(401);
        assertThat(post("/api/hunts/" + hunt + "/finds", findBody, bearer("vxp_forged")).status()).isEqualTo(401);
        assertThat(post("/api/hunts/" + hunt + "/finds", findBody, ORGANIZER).status()).isEqualTo(403);
        assertThat(post("/api/hunts/" + otherHunt + "/finds", findBody, bearer(alice.get("token").asText())).status())
                .isEqualTo(403);
        assertThat(post("/api/hunts/" + hunt + "/finds", findBody, bearer(alice.get("token").asText())).status())
                .isEqualTo(200);

        String bobPath = "/api/hunts/" + hunt + "/players/" + bob.get("playerId").asText();
        assertThat(post(bobPath + "/disqualify", "{\"reason\":\"r\"}", bearer(alice.get("token").asText())).status())
                .isEqualTo(403);
        assertThat(post(bobPath + "/adjustments", "{\"points\":5,\"reason\":\"r\"}", null).status()).isEqualTo(401);
        assertThat(post(bobPath + "/adjustments", "{\"points\":5,\"reason\":\"r\"}", AUDITOR).status()).isEqualTo(403);
        assertThat(post("/api/hunts/" + otherHunt + "/players/" + bob.get("playerId").asText() + "/adjustments",
                "{\"points\":5,\"reason\":\"r\"}", ORGANIZER).status()).isEqualTo(404);
    }

    @Test
    void healthMetricsAndApiDocsAreOpen() {
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        var metrics = get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("http_server_requests")
                .containsPattern("veltrix_axon_messages_total\\{[^}]*component=\"commandBus\"[^}]*outcome=\"success\"")
                .containsPattern("veltrix_axon_message_duration_seconds_count\\{[^}]*component=\"commandBus\"")
                .containsPattern("veltrix_axon_messages_total\\{[^}]*component=\"eventProcessor\",name=\"command-tables\"");
        assertThat(get("/v3/api-docs", null).json().get("paths").has("/api/hunts/{huntId}/finds")).isTrue();
    }
}
