package io.veltrix.query.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Organizer accounts on the query side, learnt from the event store alone: the account logs in
 * once its event is projected, reads the staff views (live board, CSV, player views, drafts,
 * alerts) of the hunts it organizes only, gains a hunt when added as co-organizer, and its
 * password hash appears in no hunt's audit trail.
 */
class OrganizerAccessTest extends QueryTestBase {

    private static final String PASSWORD = "olive-Rz8-query-Mw3";

    private ApiClient api;
    private String name;
    private String[] olive;
    private String hash;
    private HuntScenario scenario;
    private PlayerId player;

    @BeforeEach
    void huntOfTheConfiguredOrganizerAndAnAccount() throws Exception {
        api = new ApiClient(port);
        name = "olive-" + UUID.randomUUID().toString().substring(0, 8);
        olive = ApiClient.basic(name, PASSWORD);
        hash = new BCryptPasswordEncoder().encode(PASSWORD);
        events.append(new OrganizerAccountCreated(UUID.randomUUID().toString(), name, hash, "admin"));
        // a running hunt with a frozen board and a find after the freeze: live and public boards differ
        scenario = HuntScenario.generate(31L, 2, 1, 0);
        scenario.appendTo(events, 50);
        player = scenario.players.get(0);
        events.append(new ScoreboardFrozen(scenario.hunt, Instant.now(), "organizer"));
        // stored timestamps keep milliseconds: a find within the freeze's millisecond could sort before it
        Thread.sleep(2);
        events.append(new ClueFound(player, scenario.hunt, scenario.clues.get(0), 10));
        awaitBoardsMatchReplay(scenario.hunt);
        // read from the table, not by logging in: failed logins would count against this address
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql("SELECT count(*) FROM organizer_login WHERE username = ?")
                .param(name).query(Integer.class).single() == 1);
    }

    private void awaitOrganizes(String username, HuntId hunt) {
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql(
                        "SELECT count(*) FROM hunt_staff WHERE username = ? AND hunt_id = ?")
                .params(username, hunt.value()).query(Integer.class).single() == 1);
    }

    private String path(String tail) {
        return "/api/hunts/" + scenario.hunt.value() + tail;
    }

    @Test
    void anAccountIsAuthenticatedFromItsEventAndAWrongPasswordIsNot() throws Exception {
        assertThat(api.get("/api/hunts", olive).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/hunts", ApiClient.basic(name, PASSWORD + "!")).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/hunts", ApiClient.basic("nobody-" + name, PASSWORD)).statusCode()).isEqualTo(401);
    }

    @Test
    void anOrganizerSeesAnotherOrganizersHuntAsThePublicDoesUntilAddedToIt() throws Exception {
        String publicBoard = api.get(path("/leaderboard")).body();
        String liveBoard = api.get(path("/leaderboard"), ApiClient.ORGANIZER).body();
        assertThat(liveBoard).as("the freeze hides the last find from the public").isNotEqualTo(publicBoard);

        assertThat(api.get(path("/leaderboard.csv"), olive).statusCode()).isEqualTo(403);
        assertThat(api.get(path("/leaderboard.csv"), ApiClient.ORGANIZER).statusCode()).isEqualTo(200);
        assertThat(api.get(path("/players/" + player.value()), olive).statusCode()).isEqualTo(403);
        assertThat(api.get(path("/leaderboard"), olive).body()).isEqualTo(publicBoard);
        assertThat(api.get("/api/hunts/no-such-hunt/leaderboard.csv", olive).statusCode())
                .as("an unknown hunt is refused like another's: no hint that it does not exist").isEqualTo(403);

        events.append(new HuntOrganizerAdded(scenario.hunt, name, "organizer"));
        awaitOrganizes(name, scenario.hunt);
        assertThat(api.get(path("/leaderboard.csv"), olive).statusCode()).isEqualTo(200);
        assertThat(api.get(path("/players/" + player.value()), olive).statusCode()).isEqualTo(200);
        assertThat(api.get(path("/leaderboard"), olive).body()).isEqualTo(liveBoard);
        // auditors keep reading every hunt's live board, as before accounts existed
        assertThat(api.get(path("/leaderboard"), ApiClient.AUDITOR).body()).isEqualTo(liveBoard);
    }

    @Test
    void draftsAreShownToTheirOwnOrganizersOnly() throws Exception {
        HuntId mine = HuntId.random();
        HuntId theirs = HuntId.random();
        events.append(new HuntCreated(mine, "Olive's draft", null, null, null, 0, 5, 60, name));
        events.append(new HuntCreated(theirs, "Configured organizer's draft", null, null, null, 0, 5, 60, "organizer"));
        awaitOrganizes(name, mine);
        awaitOrganizes("organizer", theirs);
        await().atMost(PROJECTION_WAIT).until(() -> api.get("/api/hunts/" + mine.value(), olive).statusCode() == 200);

        String oliveList = api.get("/api/hunts?limit=500", olive).body();
        assertThat(oliveList).contains(mine.value()).doesNotContain(theirs.value());
        assertThat(api.get("/api/hunts/" + theirs.value(), olive).statusCode()).isEqualTo(404);
        await().atMost(PROJECTION_WAIT).until(() -> api.get("/api/hunts/" + theirs.value(), ApiClient.ORGANIZER)
                .statusCode() == 200);
        assertThat(api.get("/api/hunts/" + mine.value(), ApiClient.ORGANIZER).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/hunts?limit=500", ApiClient.ADMIN).body()).contains(mine.value(), theirs.value());
    }

    @Test
    void thePasswordHashIsInNoHuntsAuditTrail() throws Exception {
        events.append(new HuntOrganizerAdded(scenario.hunt, name, "organizer"));
        awaitOrganizes(name, scenario.hunt);
        String audit = "/api/audit/hunts/" + scenario.hunt.value();
        await().atMost(PROJECTION_WAIT).until(() -> api.get(audit + "/events?limit=1000", ApiClient.AUDITOR).body()
                .contains("HuntOrganizerAdded"));

        HttpResponse<String> trail = api.get(audit + "/events?limit=1000", ApiClient.AUDITOR);
        assertThat(trail.body()).contains("\"by\":\"organizer\"", "\"username\":\"" + name + "\"").doesNotContain(hash);
        assertThat(api.get(audit + "/export", ApiClient.AUDITOR).body()).contains(name).doesNotContain(hash);
        assertThat(api.get("/api/admin/dead-letters", ApiClient.ADMIN).body()).doesNotContain(hash);
    }
}
