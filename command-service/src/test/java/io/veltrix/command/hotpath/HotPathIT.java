package io.veltrix.command.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.command.CommandServiceIT;
import io.veltrix.command.groupcommit.HotRequests;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finds and registrations on the hot path answer exactly as the full stack does. A body sent as
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

    @Test
    void onlyTheTwoPathsOfOneHuntAreRecognised() {
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
        assertThat(hot.json()).isEqualTo(full.json());
        assertThat(hot.header("Retry-After")).isEqualTo(full.header("Retry-After"));
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
