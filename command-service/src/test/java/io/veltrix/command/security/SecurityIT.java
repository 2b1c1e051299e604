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
    void theApiDocsListStaffOperationsToStaffOnly() {
        Answer anonymous = get("/v3/api-docs", null);
        assertThat(anonymous.status()).isEqualTo(200);
        var paths = anonymous.json().get("paths");
        assertThat(paths.has("/api/hunts/{huntId}/players")).as("registration").isTrue();
        assertThat(paths.has("/api/hunts/{huntId}/finds")).as("finds").isTrue();
        assertThat(paths.has("/api/hunts/{huntId}/hints/{clueId}")).as("hints").isTrue();
        for (String staffOnly : List.of("/api/hunts", "/api/hunts/{huntId}/players/{playerId}/disqualify",
                "/api/hunts/{huntId}/players/{playerId}/adjustments", "/api/hunts/{huntId}/players/{playerId}/tokens/revoke",
                "/api/hunts/{huntId}/end", "/api/hunts/{huntId}/join-code")) {
            assertThat(paths.has(staffOnly)).as(staffOnly).isFalse();
        }
        assertThat(anonymous.raw().body()).doesNotContain("Adjustment").doesNotContain("disqualify");
        String hunt = createHunt("{\"name\":\"Docs\"}");
        addClue(hunt, "Clue", List.of("a"), 10, null, 0);
        transition(hunt, "publish");
        Answer player = get("/v3/api-docs", bearer(register(hunt, unique("reader")).get("token").asText()));
        assertThat(player.json().get("paths").has("/api/hunts/{huntId}/finds")).isTrue();
        assertThat(player.json().get("paths").has("/api/hunts/{huntId}/players/{playerId}/disqualify")).isFalse();
        assertThat(get("/v3/api-docs.yaml", null).raw().body()).contains("/finds").doesNotContain("disqualify");

        for (String staff : List.of(ORGANIZER, ADMIN)) {
            var all = get("/v3/api-docs", staff).json().get("paths");
            assertThat(all.has("/api/hunts/{huntId}/players/{playerId}/disqualify")).isTrue();
            assertThat(all.has("/api/hunts")).isTrue();
            assertThat(all.has("/api/hunts/{huntId}/finds")).isTrue();
        }
    }

    @Test
    void aBrowserIsNeverChallengedForBasicSoItKeepsNoStaffCredentials() {
        for (Answer refused : List.of(post("/api/hunts", "{\"name\":\"x\"}", null),
                post("/api/hunts", "{\"name\":\"x\"}", basic("org", "wrong")))) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isNotNull().doesNotContainIgnoringCase("basic");
        }
    }

    @Test
    void aStateChangeFromAnotherSitesPageIsRefused() {
        String hunt = createHunt("{\"name\":\"Cross-site\"}");
        Answer foreign = post("/api/hunts/" + hunt + "/publish", null, ORGANIZER, "Sec-Fetch-Site", "cross-site");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/hunts", "{\"name\":\"x\"}", ORGANIZER, "Sec-Fetch-Site", "cross-site").status())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT status FROM hunt_state WHERE hunt_id = ?").param(hunt).query(String.class).single())
                .isEqualTo("DRAFT");

        assertThat(post("/api/hunts", "{\"name\":\"x\"}", ORGANIZER, "Sec-Fetch-Site", "same-origin").status())
                .isEqualTo(201);
        assertThat(post("/api/hunts/" + hunt + "/publish", null, ORGANIZER, "Sec-Fetch-Site", "none").status())
                .isNotEqualTo(403);
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
    void healthStatusAndApiDocsAreOpenMetricsAndHealthDetailsAreTheAdminsOnly() {
        var health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).as("parts shown to anyone").isFalse();
        assertThat(get("/actuator/health", ADMIN).json().get("components").has("db")).isTrue();
        assertThat(get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get("/actuator/metrics", ORGANIZER).status()).isEqualTo(403);
        var metrics = get("/actuator/prometheus", ADMIN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().body()).contains("http_server_requests")
                .containsPattern("veltrix_axon_messages_total\\{[^}]*component=\"commandBus\"[^}]*outcome=\"success\"")
                .containsPattern("veltrix_axon_message_duration_seconds_count\\{[^}]*component=\"commandBus\"")
                .containsPattern("veltrix_axon_messages_total\\{[^}]*component=\"eventProcessor\",name=\"command-tables\"");
        assertThat(get("/v3/api-docs", null).json().get("paths").has("/api/hunts/{huntId}/finds")).isTrue();
    }
}
