package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.organizer.OrganizerAccountDisabled;
import io.veltrix.api.player.PlayerId;
import io.veltrix.testsupport.HttpProbe;
import io.veltrix.testsupport.RoleMatrix;
import io.veltrix.testsupport.RoleMatrix.Row;
import io.veltrix.testsupport.ServiceMappings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Who may call each endpoint of the query service, one row per endpoint, checked over real HTTP
 * for anonymous callers, a player of the hunt, a player of another hunt, the hunt's organizer (the
 * configured one), an organizer account that organizes another hunt, an auditor, an admin and a
 * disabled organizer account of the hunt. The
 * rows must cover every mapping the running service has; the static pages, served outside those
 * mappings, have rows of their own.
 */
// the disabled account's column is refused on every row, each a failed login from this one address
@TestPropertySource(properties = {"veltrix.security.staff-login.failures-per-address=100000",
        "veltrix.security.staff-login.failures-per-account=100000"})
class EndpointRoleMatrixTest extends QueryTestBase {

    // the cells, in Role order: anonymous, player of the hunt, player of another hunt, organizer of the
    // hunt, organizer of another hunt, auditor, admin, a disabled organizer account (of the hunt too):
    // its credentials are refused wherever Spring Security reads them, public endpoints included
    private static final String ANYONE = "ok ok ok ok ok ok ok 401";
    private static final String HUNT_ORGANIZERS = "401 403 403 ok 403 403 ok 401";
    /** Every hunt's read models at once: the configured organizer and the admin, no organizer account. */
    private static final String OPERATORS = "401 403 403 ok 403 403 ok 401";
    private static final String AUDITORS = "401 403 403 403 403 ok ok 401";
    private static final String ADMIN_ONLY = "401 403 403 403 403 403 ok 401";
    private static final String DISABLED_PASSWORD = "matrix-Wd3-disabled-Hy6";
    private static final String OTHER_PASSWORD = "matrix-Kq7-other-Zt4";

    @Autowired
    private ApplicationContext context;

    @Test
    void everyEndpointAnswersEachRoleAsItsRowSays() {
        HuntScenario scenario = HuntScenario.generate(14L, 2, 2, 0);
        scenario.appendTo(events, 50);
        HuntScenario elsewhere = HuntScenario.generate(15L, 1, 1, 0);
        elsewhere.appendTo(events, 50);
        PlayerId player = scenario.players.get(0);
        String hunt = "/api/hunts/" + scenario.hunt.value();
        String audit = "/api/audit/hunts/" + scenario.hunt.value();
        HttpProbe probe = new HttpProbe(port);
        // an organizer account, co-organizer of the other hunt only
        String otherName = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        events.append(new OrganizerAccountCreated(UUID.randomUUID().toString(), otherName,
                new BCryptPasswordEncoder().encode(OTHER_PASSWORD), "admin"));
        events.append(new HuntOrganizerAdded(elsewhere.hunt, otherName, "organizer"));
        String otherOrganizer = ApiClient.basic(otherName, OTHER_PASSWORD)[1];
        // an organizer account of the hunt, disabled by the admin
        String disabledName = "matrix-disabled-" + UUID.randomUUID().toString().substring(0, 8);
        String disabledId = UUID.randomUUID().toString();
        events.append(new OrganizerAccountCreated(disabledId, disabledName,
                new BCryptPasswordEncoder().encode(DISABLED_PASSWORD), "admin"));
        events.append(new HuntOrganizerAdded(scenario.hunt, disabledName, "organizer"));
        events.append(new OrganizerAccountDisabled(disabledId, disabledName, "admin"));
        String disabled = ApiClient.basic(disabledName, DISABLED_PASSWORD)[1];
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql("SELECT count(*) FROM organizer_login WHERE username = ? AND disabled")
                .param(disabledName).query(Integer.class).single() == 1);
        await().atMost(PROJECTION_WAIT).until(() -> probe.send("GET", hunt + "/players/" + player.value(), null,
                ApiClient.bearer(player)).status() == 200);
        // read from the table, not by logging in: failed logins would count against this address
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql("SELECT count(*) FROM hunt_staff WHERE username = ?")
                .param(otherName).query(Integer.class).single() == 1);

        List<Row> rows = List.of(
                Row.of("GET /api/hunts", "/api/hunts", null, ANYONE),
                Row.of("GET /api/hunts/{huntId}", hunt, null, ANYONE),
                Row.of("GET /api/hunts/{huntId}/leaderboard", hunt + "/leaderboard", null, ANYONE),
                Row.of("GET /api/hunts/{huntId}/leaderboard/stream", hunt + "/leaderboard/stream", null, ANYONE),
                Row.of("GET /api/hunts/{huntId}/leaderboard/history", hunt + "/leaderboard/history", null, ANYONE),
                Row.of("GET /api/hunts/{huntId}/leaderboard.csv", hunt + "/leaderboard.csv", null, HUNT_ORGANIZERS),
                Row.of("GET /api/hunts/{huntId}/players", hunt + "/players", null, HUNT_ORGANIZERS),
                Row.of("GET /api/hunts/{huntId}/join-qr.svg", hunt + "/join-qr.svg", null, ANYONE),
                // a team's current members only (TeamJoinQrTest lets one through); this hunt's player is in no team
                Row.of("POST /api/hunts/{huntId}/teams/{teamId}/join-qr.svg", hunt + "/teams/no-such-team/join-qr.svg",
                        "{\"joinCode\":\"KX7P-QM2R\"}", "401 403 403 403 403 403 403 401"),
                Row.of("GET /api/hunts/{huntId}/players/{playerId}", hunt + "/players/" + player.value(), null,
                        "401 ok 403 ok 403 403 ok 401"),
                Row.of("GET /api/hunts/{huntId}/organizers", hunt + "/organizers", null, HUNT_ORGANIZERS),
                Row.of("GET /api/admin/organizers", "/api/admin/organizers", null, ADMIN_ONLY),
                Row.of("GET /api/staff/me", "/api/staff/me", null, "401 403 403 ok ok ok ok 401"),
                Row.of("GET /api/hunts/{huntId}/checkpoints", hunt + "/checkpoints", null, ANYONE),
                Row.of("GET /api/hunts/{huntId}/checkpoints/{number}", hunt + "/checkpoints/1", null, ANYONE),
                Row.of("GET /api/checkpoints/key", "/api/checkpoints/key", null, ANYONE),
                Row.of("GET /api/audit/hunts/{huntId}/events", audit + "/events", null, AUDITORS),
                Row.of("GET /api/audit/hunts/{huntId}/leaderboard", audit + "/leaderboard", null, AUDITORS),
                Row.of("GET /api/audit/hunts/{huntId}/verify", audit + "/verify", null, AUDITORS),
                Row.of("GET /api/audit/hunts/{huntId}/export", audit + "/export", null, AUDITORS),
                Row.of("POST /api/audit/hunts/{huntId}/checkpoints", audit + "/checkpoints", null, AUDITORS),
                Row.of("GET /api/audit/hunts/{huntId}/checkpoints", audit + "/checkpoints", null, AUDITORS),
                // a projection no one has: a real replay would rebuild boards under the other tests
                // sharing this service, and the rule is decided before the name is looked at
                Row.of("POST /api/admin/projections/{name}/replay", "/api/admin/projections/no-such/replay", null,
                        OPERATORS),
                Row.of("GET /api/admin/projections/{name}/status", "/api/admin/projections/leaderboard/status", null,
                        OPERATORS),
                Row.of("GET /api/admin/dead-letters", "/api/admin/dead-letters", null, ADMIN_ONLY),
                Row.of("POST /api/admin/dead-letters/{projection}/retry", "/api/admin/dead-letters/leaderboard/retry",
                        null, ADMIN_ONLY),
                Row.of("GET /hunts/{huntId}", "/hunts/" + scenario.hunt.value(), null, ANYONE),
                Row.of("GET /play/{huntId}", "/play/" + scenario.hunt.value(), null, ANYONE),
                Row.of("GET /api/web-config", "/api/web-config", null, ANYONE),
                Row.of("GET /console", "/console", null, ANYONE),
                Row.of("GET /hunts/{huntId}/poster", "/hunts/" + scenario.hunt.value() + "/poster", null, ANYONE),
                Row.of("GET /actuator/health", "/actuator/health", null, ANYONE),
                Row.of("GET /actuator/health/**", "/actuator/health/readiness", null, ANYONE),
                Row.of("GET /actuator/info", "/actuator/info", null, ANYONE),
                Row.of("GET /actuator", "/actuator", null, ADMIN_ONLY),
                Row.of("GET /actuator/prometheus", "/actuator/prometheus", null, ADMIN_ONLY),
                Row.of("GET /v3/api-docs", "/v3/api-docs", null, ANYONE),
                Row.of("GET /v3/api-docs.yaml", "/v3/api-docs.yaml", null, ANYONE),
                Row.of("GET /v3/api-docs/swagger-config", "/v3/api-docs/swagger-config", null, ANYONE),
                Row.of("GET /swagger-ui.html", "/swagger-ui.html", null, ANYONE),
                // the error page reads no credentials: it answers its own 400 to everyone
                Row.of("* /error", "/error", null, "ok ok ok ok ok ok ok ok"));

        // the static pages and their assets, served by resource handlers, not request mappings
        List<Row> pages = List.of(
                Row.of("GET / (welcome page)", "/", null, ANYONE),
                Row.of("GET /index.html (static)", "/index.html", null, ANYONE),
                Row.of("GET /hunt.html (static)", "/hunt.html", null, ANYONE),
                Row.of("GET /play.html (static)", "/play.html", null, ANYONE),
                Row.of("GET /console.html (static)", "/console.html", null, ANYONE),
                Row.of("GET /poster.html (static)", "/poster.html", null, ANYONE),
                Row.of("GET /assets/** (static, the console's)", "/assets/console/main.js", null, ANYONE),
                Row.of("GET /assets/** (static, shared by the console and the player page)", "/assets/shared/requests.js", null,
                        ANYONE),
                Row.of("GET /assets/** (static)", "/assets/hunt.js", null, ANYONE),
                Row.of("GET /assets/** (static, the player page's)", "/assets/play/main.js", null, ANYONE));

        Set<String> mappings = ServiceMappings.of(context);
        assertThat(RoleMatrix.unreviewed(mappings, rows))
                .as("endpoints of the running service without a row in this table: decide who may call them")
                .isEmpty();
        assertThat(RoleMatrix.stale(mappings, rows)).as("rows for endpoints the service does not have").isEmpty();
        List<Row> all = new ArrayList<>(rows);
        all.addAll(pages);
        List<String> mismatches = RoleMatrix.mismatches(probe, all, role -> switch (role) {
            case ANONYMOUS -> null;
            case PLAYER -> ApiClient.bearer(player)[1];
            case OTHER_PLAYER -> ApiClient.bearer(elsewhere.players.get(0))[1];
            case ORGANIZER -> ApiClient.ORGANIZER[1];
            case OTHER_ORGANIZER -> otherOrganizer;
            case AUDITOR -> ApiClient.AUDITOR[1];
            case ADMIN -> ApiClient.ADMIN[1];
            case DISABLED_ORGANIZER -> disabled;
        });
        assertThat(mismatches).as("cells answered otherwise than their row says").isEmpty();
    }
}
