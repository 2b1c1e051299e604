package io.veltrix.command.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.command.CommandServiceIT;
import io.veltrix.command.groupcommit.HotRequests;
import io.veltrix.testsupport.ObservedRequests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finds, registrations, team creations and team joins on the hot path answer exactly as the full
 * stack does. A body sent as
 * {@code application/vnd.veltrix+json} is read by Spring MVC but not taken by the hot path, so each
 * request is sent both ways and the answers compared.
 */
class HotPathIT extends CommandServiceIT {

    private static final String FULL_STACK = "application/vnd.veltrix+json";
    private static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-XSS-Protection",
            "Cache-Control", "Pragma", "Expires", "X-Frame-Options");

    @Autowired
    MeterRegistry meters;

    @Test
    void findAnswersOnTheHotPathAreTheFullStacksAnswers() {
        String hunt = createHunt("{\"name\":\"Hot path\"}");
        String clue = addClue(hunt, "Oak", List.of("acorn"), 10, null, 0);
        String other = createHunt("{\"name\":\"Elsewhere\"}");
        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, "hotshot").get("token").asText();

        assertSameBothWays("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"pine\"}",
                bearer(token), 200, "find");
        assertSameBothWays("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"no-such-clue\",\"answer\":\"pine\"}",
                bearer(token), 404, "find");
        assertSameBothWays("/api/hunts/" + other + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"pine\"}",
                bearer(token), 403, "find");
        assertSameBothWays("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"\",\"answer\":\"pine\"}",
                bearer(token), 400, "find");
    }

    @Test
    void registrationAnswersOnTheHotPathAreTheFullStacksAnswers() {
        String hunt = createHunt("{\"name\":\"Hot registrations\"}");
        addClue(hunt, "Ash", List.of("bark"), 10, null, 0);
        transition(hunt, "publish");

        assertSameBothWays("/api/hunts/" + hunt + "/players", "{\"handle\":\"<script>\"}", null, 400, "registration");
        assertSameBothWays("/api/hunts/no-such-hunt/players", "{\"handle\":\"nobody\"}", null, 404, "registration");

        double before = taken("registration");
        Answer hot = post("/api/hunts/" + hunt + "/players", "{\"handle\":\"first-in\"}", null);
        Answer full = send(hunt, "/players", "{\"handle\":\"second-in\"}", null);
        assertThat(taken("registration")).isEqualTo(before + 1);
        assertThat(hot.status()).isEqualTo(201).isEqualTo(full.status());
        assertThat(hot.header("Location")).isEqualTo("/api/hunts/" + hunt + "/players/" + hot.json().get("playerId").asText());
        assertThat(full.header("Location")).isEqualTo("/api/hunts/" + hunt + "/players/" + full.json().get("playerId").asText());
        assertThat(fieldNames(hot)).isEqualTo(fieldNames(full)).containsExactly("playerId", "handle", "token");
        for (String header : SECURITY_HEADERS) {
            assertThat(hot.header(header)).as(header).isNotNull().isEqualTo(full.header(header));
        }
    }

    @Test
    void teamCreationAnswersOnTheHotPathAreTheFullStacksAnswers() {
        String hunt = createHunt("{\"name\":\"Hot teams\",\"teamSize\":3,\"joinCode\":\"hot-code\"}");
        addClue(hunt, "Ash", List.of("bark"), 10, null, 0);
        String solo = createHunt("{\"name\":\"Hot solo\"}");
        addClue(solo, "Ash", List.of("bark"), 10, null, 0);
        transition(hunt, "publish");
        transition(solo, "publish");
        String teams = "/api/hunts/" + hunt + "/teams";

        assertSameBothWays(teams, "{\"name\":\"<b>\",\"handle\":\"maker\",\"joinCode\":\"hot-code\"}", null, 400,
                "team-creation");
        assertSameBothWays(teams, "{\"name\":\"Crows\",\"handle\":\"maker\",\"joinCode\":\"not-it\"}", null, 403,
                "team-creation");
        assertSameBothWays(teams, "{\"name\":\"Crows\",\"handle\":\"maker\"}", null, 403, "team-creation");
        assertSameBothWays("/api/hunts/" + solo + "/teams", "{\"name\":\"Crows\",\"handle\":\"maker\"}", null, 409,
                "team-creation");
        assertSameBothWays("/api/hunts/no-such-hunt/teams", "{\"name\":\"Crows\",\"handle\":\"maker\"}", null, 404,
                "team-creation");

        double before = taken("team-creation");
        Answer hot = post(teams, "{\"name\":\"Hot Owls\",\"handle\":\"hot-owl\",\"joinCode\":\"hot-code\"}", null);
        Answer full = send(teams, "{\"name\":\"Cold Owls\",\"handle\":\"cold-owl\",\"joinCode\":\"hot-code\"}", null);
        assertThat(taken("team-creation")).isEqualTo(before + 1);
        assertCreatedAlike(hot, full, teams + "/" + hot.json().get("teamId").asText(),
                teams + "/" + full.json().get("teamId").asText());
        assertThat(fieldNames(hot)).containsExactly("teamId", "name", "playerId", "handle", "joinCode", "token");
        // the same name again, either way: taken
        assertSameBothWays(teams, "{\"name\":\"Hot Owls\",\"handle\":\"another\",\"joinCode\":\"hot-code\"}", null,
                409, "team-creation");
    }

    @Test
    void teamJoinAnswersOnTheHotPathAreTheFullStacksAnswers() {
        String hunt = createHunt("{\"name\":\"Hot joins\",\"teamSize\":3}");
        addClue(hunt, "Ash", List.of("bark"), 10, null, 0);
        transition(hunt, "publish");
        var team = post("/api/hunts/" + hunt + "/teams", "{\"name\":\"Joiners\",\"handle\":\"captain-j\"}", null)
                .json();
        String members = "/api/hunts/" + hunt + "/teams/" + team.get("teamId").asText() + "/members";
        String code = team.get("joinCode").asText();

        assertSameBothWays(members, "{\"handle\":\"joiner\",\"joinCode\":\"wrong-code\"}", null, 403, "team-join");
        assertSameBothWays(members, "{\"handle\":\"joiner\"}", null, 400, "team-join");
        assertSameBothWays(members, "{\"handle\":\"x\",\"joinCode\":\"" + code + "\"}", null, 400, "team-join");
        assertSameBothWays(members, "{\"handle\":\"captain-j\",\"joinCode\":\"" + code + "\"}", null, 409,
                "team-join");
        assertSameBothWays("/api/hunts/" + hunt + "/teams/no-such-team/members",
                "{\"handle\":\"joiner\",\"joinCode\":\"" + code + "\"}", null, 404, "team-join");

        double before = taken("team-join");
        Answer hot = post(members, "{\"handle\":\"hot-joiner\",\"joinCode\":\"" + code + "\"}", null);
        Answer full = send(members, "{\"handle\":\"cold-joiner\",\"joinCode\":\"" + code + "\"}", null);
        assertThat(taken("team-join")).isEqualTo(before + 1);
        assertCreatedAlike(hot, full, "/api/hunts/" + hunt + "/players/" + hot.json().get("playerId").asText(),
                "/api/hunts/" + hunt + "/players/" + full.json().get("playerId").asText());
        assertThat(fieldNames(hot)).containsExactly("teamId", "playerId", "handle", "token");
        // the team (of 3) is full now, either way
        assertSameBothWays(members, "{\"handle\":\"too-late\",\"joinCode\":\"" + code + "\"}", null, 409,
                "team-join");
    }

    @Test
    void teamRequestsWithCredentialsOrEscapesAreTheFullStacks() {
        String hunt = createHunt("{\"name\":\"Hot team edges\",\"teamSize\":3}");
        addClue(hunt, "Ash", List.of("bark"), 10, null, 0);
        transition(hunt, "publish");
        String teams = "/api/hunts/" + hunt + "/teams";
        double creations = taken("team-creation");
        double joins = taken("team-join");

        assertThat(post(teams, "{\"name\":\"Badges\",\"handle\":\"badge\"}", bearer("not-a-token")).status())
                .isEqualTo(401);
        assertThat(post(teams, "{\"name\":\"Badges\",\"handle\":\"badge\"}", basic("org", "wrong")).status())
                .isEqualTo(401);
        Answer escaped = post("/api/hunts/" + hunt + "/teams/t%31/members", "{\"handle\":\"esc\",\"joinCode\":\"abc\"}",
                null);
        assertThat(escaped.status()).as("MVC decodes t%31 to t1: no such team").isEqualTo(404);
        assertThat(escaped.contentType()).isEqualTo("application/problem+json");
        Answer unknownField = post(teams, "{\"name\":\"Badges\",\"handle\":\"badge\",\"captain\":true}", null);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asText()).isEqualTo("unknown field 'captain'");
        assertThat(taken("team-creation")).isEqualTo(creations);
        assertThat(taken("team-join")).isEqualTo(joins);
    }

    @Test
    void whatTheHotPathDoesNotTakeGoesThroughTheFullStack() {
        String hunt = createHunt("{\"name\":\"Not taken\"}");
        String clue = addClue(hunt, "Elm", List.of("leaf"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, "passer").get("token").asText();
        double before = taken("find");

        // an unreadable body: the bytes the hot path read are handed on, and MVC words the problem
        Answer unknownField = post("/api/hunts/" + hunt + "/finds",
                "{\"clueId\":\"" + clue + "\",\"answer\":\"leaf\",\"bonus\":99}", bearer(token));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asText()).isEqualTo("unknown field 'bonus'");
        // an unknown token and staff credentials are the security chain's to answer
        assertThat(post("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"leaf\"}",
                bearer("not-a-token")).status()).isEqualTo(401);
        assertThat(post("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"leaf\"}",
                ORGANIZER).status()).isEqualTo(403);
        assertThat(taken("find")).isEqualTo(before);

        Answer found = find(hunt, token, clue, "leaf");
        assertThat(found.json().get("outcome").asText()).isEqualTo("FOUND");
        assertThat(taken("find")).isEqualTo(before + 1);
    }

    /** A hot answer is timed once, by its own meter; the full stack's by the request observation. */
    @Test
    void theRequestObservationTimesOnlyWhatTheFullStackAnswers() throws Exception {
        String hunt = createHunt("{\"name\":\"Observed\"}");
        String clue = addClue(hunt, "Yew", List.of("berry"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, "observed").get("token").asText();
        String body = "{\"clueId\":\"" + clue + "\",\"answer\":\"pine\"}";
        long before = ObservedRequests.settled(meters);
        double hot = taken("find");

        assertThat(post("/api/hunts/" + hunt + "/finds", body, bearer(token)).status()).isEqualTo(200);
        assertThat(taken("find")).isEqualTo(hot + 1);
        assertThat(send("/api/hunts/" + hunt + "/finds", body, bearer(token)).status()).isEqualTo(200);

        assertThat(ObservedRequests.settled(meters)).as("the full stack's find alone").isEqualTo(before + 1);
    }

    @Test
    void onlyThePathsOfOneHuntAreRecognised() {
        assertThat(HotRequests.huntOf("/api/hunts/h1/teams", "/teams")).isEqualTo("h1");
        assertThat(HotRequests.huntOfJoin("/api/hunts/h1/teams/t1/members")).isEqualTo("h1");
        assertThat(HotRequests.teamOfJoin("/api/hunts/h1/teams/t1/members")).isEqualTo("t1");
        assertThat(HotRequests.teamOfJoin("/api/hunts/h1/teams//members")).isNull();
        assertThat(HotRequests.teamOfJoin("/api/hunts/h1/teams/t1/x/members")).isNull();
        assertThat(HotRequests.teamOfJoin("/api/hunts/h1/clues/t1/members")).isNull();
        assertThat(HotRequests.teamOfJoin("/api/hunts/teams/t1/members")).isNull();
        assertThat(HotRequests.teamOfJoin("/api/hunts/h1/teams/t1/members/p1/remove")).isNull();
        assertThat(HotRequests.huntOf("/api/hunts/h1/finds", "/finds")).isEqualTo("h1");
        assertThat(HotRequests.huntOf("/api/hunts/h1/players", "/players")).isEqualTo("h1");
        assertThat(HotRequests.huntOf("/api/hunts//finds", "/finds")).isNull();
        assertThat(HotRequests.huntOf("/api/hunts/h1/players/p1/finds", "/finds")).isNull();
        assertThat(HotRequests.huntOf("/api/hunts/h1/finds/x", "/finds")).isNull();
        assertThat(HotRequests.huntOf("/other/h1/finds", "/finds")).isNull();
    }

    private void assertSameBothWays(String path, String body, String authorization, int status, String request) {
        double before = taken(request);
        Answer hot = post(path, body, authorization);
        assertThat(taken(request)).as("taken by the hot path").isEqualTo(before + 1);
        Answer full = send(path, body, authorization);
        assertThat(taken(request)).as("not taken by the hot path").isEqualTo(before + 1);

        assertThat(hot.status()).as(path + " " + body).isEqualTo(status).isEqualTo(full.status());
        assertThat(hot.contentType()).isEqualTo(full.contentType());
        if (status >= 400) {
            assertThat(hot.contentType()).isEqualTo("application/problem+json");
            assertThat(hot.json().get("detail").asText()).isNotBlank();
        }
        assertThat(hot.json()).isEqualTo(full.json());
        assertThat(hot.header("Retry-After")).isEqualTo(full.header("Retry-After"));
        for (String header : SECURITY_HEADERS) {
            assertThat(hot.header(header)).as(header).isNotNull().isEqualTo(full.header(header));
        }
    }

    private static void assertCreatedAlike(Answer hot, Answer full, String hotLocation, String fullLocation) {
        assertThat(hot.status()).isEqualTo(201).isEqualTo(full.status());
        assertThat(hot.header("Location")).isEqualTo(hotLocation);
        assertThat(full.header("Location")).isEqualTo(fullLocation);
        assertThat(hot.contentType()).isEqualTo(full.contentType());
        assertThat(fieldNames(hot)).isEqualTo(fieldNames(full));
        for (String header : SECURITY_HEADERS) {
            assertThat(hot.header(header)).as(header).isNotNull().isEqualTo(full.header(header));
        }
    }

    private Answer send(String hunt, String tail, String body, String authorization) {
        return send("/api/hunts/" + hunt + tail, body, authorization);
    }

    private Answer send(String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", FULL_STACK);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private double taken(String request) {
        var timer = meters.find("veltrix.hot.requests").tag("request", request).timer();
        return timer == null ? 0 : timer.count();
    }

    private static List<String> fieldNames(Answer answer) {
        List<String> names = new java.util.ArrayList<>();
        answer.json().fieldNames().forEachRemaining(names::add);
        return names;
    }
}
