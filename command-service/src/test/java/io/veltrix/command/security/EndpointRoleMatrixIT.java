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
import org.springframework.test.context.TestPropertySource;

/**
 * Who may call each endpoint of the command service, one row per endpoint, checked over real
 * HTTP for anonymous callers, a player of the hunt, a player of another hunt, an organizer of the
 * hunt, an organizer of another hunt (an account opened through the admin API), an auditor, an
 * admin and a disabled organizer account. The rows must cover every mapping the running service has.
 */
// the disabled account's column is refused on every row, each a failed login from this one address
@TestPropertySource(properties = {"veltrix.security.staff-login.failures-per-address=100000",
        "veltrix.security.staff-login.failures-per-account=100000"})
class EndpointRoleMatrixIT extends CommandServiceIT {

    // the cells, in Role order: anonymous, player of the hunt, player of another hunt, organizer of the
    // hunt, organizer of another hunt, auditor, admin, a disabled organizer account (of the hunt too):
    // its credentials are refused wherever Spring Security reads them, public endpoints included
    private static final String ANYONE = "ok ok ok ok ok ok ok 401";
    private static final String ANY_ORGANIZER = "401 403 403 ok ok 403 ok 401";
    private static final String HUNT_STAFF = "401 403 403 ok 403 403 ok 401";
    private static final String THE_PLAYER = "401 ok 403 403 403 403 403 401";
    private static final String ADMIN_ONLY = "401 403 403 403 403 403 ok 401";
    /** Organizer accounts change their own password; the configured organizer is told why it cannot (409). */
    private static final String ORGANIZERS_THEMSELVES = "401 403 403 ok ok 403 403 401";

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
        String draftClue = addClue(draft, "Draft clue", List.of("a"), 5, null, 0);
        String draftClues = "/api/hunts/" + draft + "/clues/" + draftClue;
        String find = "{\"clueId\":\"" + clue + "\",\"answer\":\"a\"}";
        String players = "/api/hunts/" + hunt + "/players/" + target;
        String otherOrganizer = openOrganizerAccount(unique("matrix-other"));
        // the co-organizer row adds a third account: adding the other organizer would change its next cell
        String third = unique("matrix-third");
        openOrganizerAccount(third);
        // an account of the players' hunt and of the lifecycle hunt, then disabled
        String disabledName = unique("matrix-disabled");
        String disabled = openOrganizerAccount(disabledName);
        for (String huntId : List.of(hunt, draft)) {
            post("/api/hunts/" + huntId + "/organizers", json(java.util.Map.of("username", disabledName)), ORGANIZER);
        }
        post("/api/admin/organizers/" + disabledName + "/disable", null, ADMIN);
        // the accounts the admin rows act on, so that no caller's own account changes under the matrix
        String toDisable = unique("matrix-to-disable");
        openOrganizerAccount(toDisable);
        String toReset = unique("matrix-to-reset");
        openOrganizerAccount(toReset);

        List<Row> rows = List.of(
                Row.of("POST /api/hunts", "/api/hunts", "{\"name\":\"Matrix row\"}", ANY_ORGANIZER),
                Row.of("POST /api/hunts/{huntId}/clues", "/api/hunts/" + draft + "/clues", newClue, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/edit", "/api/hunts/" + draft + "/edit", "{\"name\":\"Matrix edited\"}",
                        HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/clues/{clueId}/edit", draftClues + "/edit", newClue, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/clues/{clueId}/remove", draftClues + "/remove", null, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/join-code", "/api/hunts/" + draft + "/join-code",
                        "{\"joinCode\":null}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/publish", "/api/hunts/" + draft + "/publish", null, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/start", "/api/hunts/" + draft + "/start", null, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/freeze", "/api/hunts/" + draft + "/freeze", null, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/end", "/api/hunts/" + draft + "/end", null, HUNT_STAFF),
                // registration, finds, team creations and joins are answered by HotPathFilter before
                // Spring Security and MVC when their body is JSON, as here; their rows hold for both ways in
                Row.of("POST /api/hunts/{huntId}/players", "/api/hunts/" + hunt + "/players",
                        "{\"handle\":\"" + unique("newcomer") + "\"}", ANYONE),
                Row.of("POST /api/hunts/{huntId}/finds", "/api/hunts/" + hunt + "/finds", find, THE_PLAYER),
                // team rows in the players' (solo) hunt: refused by the hunt's rules (409, 404) to whoever may act on it
                Row.of("POST /api/hunts/{huntId}/teams", "/api/hunts/" + hunt + "/teams",
                        "{\"name\":\"" + unique("team") + "\",\"handle\":\"" + unique("captain") + "\"}", ANYONE),
                Row.of("POST /api/hunts/{huntId}/teams/{teamId}/members", "/api/hunts/" + hunt + "/teams/no-team/members",
                        "{\"handle\":\"" + unique("member") + "\",\"joinCode\":\"abcd\"}", ANYONE),
                Row.of("POST /api/hunts/{huntId}/teams/{teamId}/disqualify", "/api/hunts/" + hunt + "/teams/no-team/disqualify",
                        "{\"reason\":\"matrix\"}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/teams/{teamId}/reinstate", "/api/hunts/" + hunt + "/teams/no-team/reinstate",
                        null, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/teams/{teamId}/adjustments",
                        "/api/hunts/" + hunt + "/teams/no-team/adjustments", "{\"points\":1,\"reason\":\"matrix\"}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/teams/{teamId}/members/{playerId}/remove",
                        "/api/hunts/" + hunt + "/teams/no-team/members/" + target + "/remove", null, THE_PLAYER),
                Row.of("POST /api/hunts/{huntId}/hints/{clueId}", "/api/hunts/" + hunt + "/hints/" + clue, null,
                        THE_PLAYER),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/disqualify", players + "/disqualify",
                        "{\"reason\":\"matrix\"}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/reinstate", players + "/reinstate", null, HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/adjustments", players + "/adjustments",
                        "{\"points\":1,\"reason\":\"matrix\"}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/players/{playerId}/tokens/revoke", players + "/tokens/revoke",
                        "{\"reason\":\"matrix\"}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/organizers", "/api/hunts/" + draft + "/organizers",
                        "{\"username\":\"" + third + "\"}", HUNT_STAFF),
                Row.of("POST /api/hunts/{huntId}/organizers/{username}/remove",
                        "/api/hunts/" + draft + "/organizers/" + third + "/remove", null, HUNT_STAFF),
                Row.of("POST /api/admin/organizers/{username}/disable", "/api/admin/organizers/" + toDisable + "/disable",
                        null, ADMIN_ONLY),
                Row.of("POST /api/admin/organizers/{username}/enable", "/api/admin/organizers/" + toDisable + "/enable",
                        null, ADMIN_ONLY),
                Row.of("POST /api/admin/organizers/{username}/password", "/api/admin/organizers/" + toReset + "/password",
                        "{\"password\":\"" + STRONG_PASSWORD + "\"}", ADMIN_ONLY),
                // the same password again: the caller's credentials stay valid for the rows after
                Row.of("POST /api/organizers/me/password", "/api/organizers/me/password",
                        "{\"currentPassword\":\"" + STRONG_PASSWORD + "\",\"newPassword\":\"" + STRONG_PASSWORD + "\"}",
                        ORGANIZERS_THEMSELVES),
                Row.of("POST /api/admin/organizers", "/api/admin/organizers",
                        "{\"username\":\"" + unique("matrix-new") + "\",\"password\":\"" + STRONG_PASSWORD + "\"}",
                        ADMIN_ONLY),
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
                // the error page reads no credentials: it answers its own 400 to everyone
                Row.of("* /error", "/error", null, "ok ok ok ok ok ok ok ok"));

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
            case OTHER_ORGANIZER -> otherOrganizer;
            case AUDITOR -> AUDITOR;
            case ADMIN -> ADMIN;
            case DISABLED_ORGANIZER -> disabled;
        });
        assertThat(mismatches).as("cells answered otherwise than their row says").isEmpty();
    }
}
