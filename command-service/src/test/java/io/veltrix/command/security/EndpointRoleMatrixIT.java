package io.veltrix.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import io.veltrix.testsupport.HttpProbe;
import io.veltrix.testsupport.RoleMatrix;
import io.veltrix.testsupport.RoleMatrix.Role;
import io.veltrix.testsupport.RoleMatrix.Row;
import io.veltrix.testsupport.ServiceMappings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Who may call each endpoint of the command service, one row per endpoint, checked over real
 * HTTP for anonymous callers, a player of the hunt, a player of another hunt, an organizer, an
 * auditor and an admin. The rows must cover every mapping the running service has.
 */
class EndpointRoleMatrixIT extends CommandServiceIT {

    // the cells, in Role order: anonymous, player of the hunt, player of another hunt, organizer, auditor, admin
    private static final String ANYONE = "ok ok ok ok ok ok";
    private static final String STAFF = "401 403 403 ok 403 ok";
    private static final String THE_PLAYER = "401 ok 403 403 403 403";
    private static final String ADMIN_ONLY = "401 403 403 403 403 ok";

    @Autowired
    private ApplicationContext context;

    @Test
    void everyEndpointAnswersEachRoleAsItsRowSays() {
        String hunt = createHunt("{\"name\":\"Matrix\"}");
        String clue = addClue(hunt, "Clue", List.of("a"), 10, "hint", 1);
        transition(hunt, "publish");
        transition(hunt, "start");
        String player = register(hunt, unique("player")).get("token").asText();
        String target = register(hunt, unique("target")).get("playerId").asText();
        String otherHunt = createHunt("{\"name\":\"Matrix elsewhere\"}");
        addClue(otherHunt, "Clue", List.of("a"), 10, null, 0);
        transition(otherHunt, "publish");
        transition(otherHunt, "start");
        String otherPlayer = register(otherHunt, unique("other")).get("token").asText();
        // a hunt of its own for the lifecycle rows, so the players' hunt keeps running
        String draft = createHunt("{\"name\":\"Matrix lifecycle\"}");
        String newClue = "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":5}";
        String find = "{\"clueId\":\"" + clue + "\",\"answer\":\"a\"}";
        String players = "/api/hunts/" + hunt + "/players/" + target;

        List<Row> rows = List.of(
                Row.of("POST /api/hunts", "/api/hunts", "{\"name\":\"Matrix row\"}", STAFF),
                Row.of("POST /api/hunts/{huntId}/clues", "/api/hunts/" + draft + "/clues", newClue, STAFF),
                Row.of("POST /api/hunts/{huntId}/join-code", "/api/hunts/" + draft + "/join-code",
                        "{\"joinCode\":null}", STAFF),
                Row.of("POST /api/hunts/{huntId}/publish", "/api/hunts/" + draft + "/publish", null, STAFF),
                Row.of("POST /api/hunts/{huntId}/start", "/api/hunts/" + draft + "/start", null, STAFF),
                Row.of("POST /api/hunts/{huntId}/freeze", "/api/hunts/" + draft + "/freeze", null, STAFF),
                Row.of("POST /api/hunts/{huntId}/end", "/api/hunts/" + draft + "/end", null, STAFF),
                // registration and finds are answered by HotPathFilter before Spring Security and MVC
                // when their body is JSON, as here; their rows hold for both ways in
                Row.of("POST /api/hunts/{huntId}/players", "/api/hunts/" + hunt + "/players",
                        "{\"handle\":\"" + unique("newcomer") + "\"}", ANYONE),
                Row.of("POST /api/hunts/{huntId}/finds", "/api/hunts/" + hunt + "/finds", find, THE_PLAYER),
                Row.of("POST /api/hunts/{huntId}/hints/{clueId}", "/api/hunts/" + hunt + "/hints/" + clue, null,
                        THE_PLAYER),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/disqualify", players + "/disqualify",
                        "{\"reason\":\"matrix\"}", STAFF),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/reinstate", players + "/reinstate", null, STAFF),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/adjustments", players + "/adjustments",
                        "{\"points\":1,\"reason\":\"matrix\"}", STAFF),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/tokens/revoke", players + "/tokens/revoke",
                        "{\"reason\":\"matrix\"}", STAFF),
                Row.of("GET /actuator/health", "/actuator/health", null, ANYONE),
                Row.of("GET /actuator/health/**", "/actuator/health/readiness", null, ANYONE),
                Row.of("GET /actuator/info", "/actuator/info", null, ANYONE),
                Row.of("GET /actuator", "/actuator", null, ADMIN_ONLY),
                Row.of("GET /actuator/prometheus", "/actuator/prometheus", null, ADMIN_ONLY),
                Row.of("GET /actuator/metrics", "/actuator/metrics", null, ADMIN_ONLY),
                Row.of("GET /actuator/metrics/{requiredMetricName}", "/actuator/metrics/jvm.threads.live", null,
                        ADMIN_ONLY),
                Row.of("GET /v3/api-docs", "/v3/api-docs", null, ANYONE),
                Row.of("GET /v3/api-docs.yaml", "/v3/api-docs.yaml", null, ANYONE),
                Row.of("GET /v3/api-docs/swagger-config", "/v3/api-docs/swagger-config", null, ANYONE),
                Row.of("GET /swagger-ui.html", "/swagger-ui.html", null, ANYONE),
                Row.of("* /error", "/error", null, ANYONE));

        Set<String> mappings = ServiceMappings.of(context);
        assertThat(RoleMatrix.unreviewed(mappings, rows))
                .as("endpoints of the running service without a row in this table: decide who may call them")
                .isEmpty();
        assertThat(RoleMatrix.stale(mappings, rows)).as("rows for endpoints the service does not have").isEmpty();
        List<String> mismatches = RoleMatrix.mismatches(new HttpProbe(port), rows, role -> switch (role) {
            case ANONYMOUS -> null;
            case PLAYER -> bearer(player);
            case OTHER_PLAYER -> bearer(otherPlayer);
            case ORGANIZER -> ORGANIZER;
            case AUDITOR -> AUDITOR;
            case ADMIN -> ADMIN;
        });
        assertThat(mismatches).as("cells answered otherwise than their row says").isEmpty();
    }
}
