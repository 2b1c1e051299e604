package io.veltrix.query.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.query.ApiClient;
import io.veltrix.query.EventLog;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.TeamHuntScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A team's join QR code: a current member of the team, with their own token, gets the QR code of
 * the team's link with the code their page sends; nobody else does (other teams, a removed
 * member, staff, no one), and the code travels only in a body, never in a URL.
 */
class TeamJoinQrTest extends QueryTestBase {

    private static final String CODE = "{\"joinCode\":\"KX7P-QM2R\"}";

    private TeamHuntScenario scenario;
    private PlayerId removed;

    @BeforeEach
    void twoTeamsOneMemberRemoved() {
        scenario = TeamHuntScenario.generate(61L, 2, 2, 1, 0);
        scenario.appendTo(events, 50);
        removed = scenario.setup.stream().map(EventLog.Timed::payload)
                .filter(TeamMemberRemoved.class::isInstance).map(e -> ((TeamMemberRemoved) e).playerId())
                .findFirst().orElseThrow();
        PlayerId member = scenario.members.get(0).get(1);
        await().atMost(PROJECTION_WAIT).until(() -> qr(scenario.teams.get(0).value(), CODE, bearer(member)).statusCode() == 200);
    }

    private static String bearer(PlayerId player) {
        return "Bearer " + TeamHuntScenario.token(player);
    }

    private String path(String teamId) {
        return "/api/hunts/" + scenario.hunt.value() + "/teams/" + teamId + "/join-qr.svg";
    }

    private HttpResponse<String> qr(String teamId, String body, String authorization) throws Exception {
        return post(path(teamId), body, authorization, "application/json");
    }

    private HttpResponse<String> post(String path, String body, String authorization, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // a connection of its own for each request: a refusal (401, 403) is sent before the body is
        // read, after which the server may close the connection a shared client would reuse
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMemberGetsTheQrCodeOfTheTeamsLinkWithTheCodeTheirPageHolds() throws Exception {
        String team = scenario.teams.get(0).value();
        for (PlayerId member : scenario.members.get(0)) {
            HttpResponse<String> answer = qr(team, CODE, bearer(member));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
            assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(QrCodes.decode(answer.body())).isEqualTo("http://localhost:" + port + "/play/" + scenario.hunt.value()
                    + "#team=" + team + "&teamCode=KX7P-QM2R");
        }
    }

    @Test
    void nobodyButTheTeamsCurrentMembersGetsIt() throws Exception {
        String team = scenario.teams.get(0).value();
        assertThat(qr(team, CODE, null).statusCode()).isEqualTo(401);
        assertThat(qr(team, CODE, bearer(scenario.members.get(1).get(0))).statusCode()).as("another team's member").isEqualTo(403);
        assertThat(qr(scenario.teams.get(1).value(), CODE, bearer(removed)).statusCode()).as("a removed member").isEqualTo(403);
        assertThat(qr(team, CODE, ApiClient.ORGANIZER[1]).statusCode()).as("staff never hold the code").isEqualTo(403);
        assertThat(qr(team, CODE, ApiClient.ADMIN[1]).statusCode()).isEqualTo(403);
        assertThat(qr("no-such-team", CODE, bearer(scenario.members.get(0).get(0))).statusCode()).isEqualTo(403);
        // the member's token names its hunt: the same team under another hunt's path is not theirs
        HttpResponse<String> elsewhere = post("/api/hunts/another-hunt/teams/" + team + "/join-qr.svg", CODE,
                bearer(scenario.members.get(0).get(0)), "application/json");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aMissingOrMalformedCodeIsAClearBadRequest() throws Exception {
        String team = scenario.teams.get(0).value();
        String member = bearer(scenario.members.get(0).get(0));
        for (String body : new String[] {"{}", "{\"joinCode\":\"  \"}", "{\"joinCode\":\"" + "x".repeat(65) + "\"}",
                "{\"joinCode\":\"a\\u0000b\"}", "{\"joinCode\":\"a\\u202Eb\"}"}) {
            HttpResponse<String> answer = qr(team, body, member);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(body).hasValue("application/problem+json");
            assertThat(answer.body()).as(body).contains("joinCode");
        }
        assertThat(post(path(team), "joinCode=KX7P", member, "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
    }
}
