package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.TestStaff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team-mode hunt played end to end through both services' HTTP APIs: two teams, a first find
 * contested between them, a team locked out of a clue by its members' wrong answers, a freeze; the
 * boards the query side shows are checked against the scores the rules give, and against the
 * audit replay of the stored events.
 */
class TeamHuntSystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ORGANIZER = basic("org", TestStaff.ORGANIZER_PASSWORD);
    private static final String AUDITOR = basic("aud", TestStaff.AUDITOR_PASSWORD);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private static Services services;

    @BeforeAll
    static void start() throws Exception {
        services = Services.start(EmbeddedDatabase.freshDatabaseWithServiceRoles());
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }

    private record Answer(int status, JsonNode json, HttpResponse<String> raw) {
    }

    private static Answer call(String method, int port, String path, String body, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
        return new Answer(response.statusCode(), json && !response.body().isBlank() ? JSON.readTree(response.body()) : null,
                response);
    }

    private static JsonNode command(String path, String body, String auth, int expected) throws Exception {
        Answer answer = call("POST", services.commandPort, path, body, auth);
        assertThat(answer.status()).as(path + " " + answer.json()).isEqualTo(expected);
        return answer.json();
    }

    private static Answer query(String path, String auth) throws Exception {
        return call("GET", services.queryPort, path, null, auth);
    }

    private static String bearer(JsonNode player) {
        return "Bearer " + player.get("token").asText();
    }

    private static String find(String clue, String answer) {
        return "{\"clueId\":\"" + clue + "\",\"answer\":\"" + answer + "\"}";
    }

    @Test
    void twoTeamsRaceLockOutAndFreeze() throws Exception {
        String hunt = command("/api/hunts", "{\"name\":\"Teams\",\"teamSize\":2,\"maxTeams\":2,\"firstFinderBonus\":5,"
                + "\"maxWrongAttempts\":2,\"lockoutWindowSeconds\":2}", ORGANIZER, 201).get("huntId").asText();
        String fountain = command("/api/hunts/" + hunt + "/clues", "{\"title\":\"Fountain\",\"riddle\":\"r\","
                + "\"answers\":[\"neptune\"],\"points\":100,\"hint\":\"trident\",\"hintPenalty\":10}", ORGANIZER, 201)
                .get("clueId").asText();
        String clock = command("/api/hunts/" + hunt + "/clues", "{\"title\":\"Clock\",\"riddle\":\"r\","
                + "\"answers\":[\"nine\"],\"points\":50}", ORGANIZER, 201).get("clueId").asText();
        command("/api/hunts/" + hunt + "/publish", null, ORGANIZER, 200);

        JsonNode owls = command("/api/hunts/" + hunt + "/teams", "{\"name\":\"Owls\",\"handle\":\"Ann\"}", null, 201);
        JsonNode bob = command("/api/hunts/" + hunt + "/teams/" + owls.get("teamId").asText() + "/members",
                "{\"handle\":\"Bob\",\"joinCode\":\"" + owls.get("joinCode").asText() + "\"}", null, 201);
        JsonNode larks = command("/api/hunts/" + hunt + "/teams", "{\"name\":\"Larks\",\"handle\":\"Cyd\"}", null, 201);
        JsonNode dee = command("/api/hunts/" + hunt + "/teams/" + larks.get("teamId").asText() + "/members",
                "{\"handle\":\"Dee\",\"joinCode\":\"" + larks.get("joinCode").asText() + "\"}", null, 201);
        // the hunt takes two teams
        command("/api/hunts/" + hunt + "/teams", "{\"name\":\"Crows\",\"handle\":\"Eve\"}", null, 409);
        command("/api/hunts/" + hunt + "/start", null, ORGANIZER, 200);
        String findPath = "/api/hunts/" + hunt + "/finds";

        // the contested first find: Bob for the Owls, then Cyd for the Larks; Ann's is her team's again
        assertThat(command(findPath, find(fountain, "Neptune"), bearer(bob), 200).get("outcome").asText())
                .isEqualTo("FOUND");
        assertThat(command(findPath, find(fountain, "neptune"), bearer(larks), 200).get("outcome").asText())
                .isEqualTo("FOUND");
        assertThat(command(findPath, find(fountain, "neptune"), bearer(owls), 200).get("outcome").asText())
                .isEqualTo("ALREADY_FOUND");

        // the Larks' two wrong answers lock the team, not only the member who gave them
        command(findPath, find(clock, "ten"), bearer(larks), 200);
        command(findPath, find(clock, "eleven"), bearer(dee), 200);
        Answer locked = call("POST", services.commandPort, findPath, find(clock, "nine"), bearer(larks));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(command(findPath, find(clock, "nine"), bearer(owls), 200).get("outcome").asText()).isEqualTo("FOUND");
        // a hint once per team
        assertThat(command("/api/hunts/" + hunt + "/hints/" + fountain, null, bearer(dee), 200).get("penalty").asInt())
                .isEqualTo(10);
        assertThat(command("/api/hunts/" + hunt + "/hints/" + fountain, null, bearer(larks), 200).get("penalty").asInt())
                .isZero();

        // Owls: 100 + 5 (first on the fountain) + 50 + 5 (first on the clock) = 160; Larks: 100 - 10 = 90
        await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode board = query("/api/hunts/" + hunt + "/leaderboard", null).json();
            assertThat(board).hasSize(2);
            assertThat(board.get(0).get("name").asText()).isEqualTo("Owls");
            assertThat(board.get(0).get("score").asInt()).isEqualTo(160);
            assertThat(board.get(0).get("cluesFound").asInt()).isEqualTo(2);
            assertThat(board.get(0).get("members")).hasSize(2);
            assertThat(board.get(1).get("name").asText()).isEqualTo("Larks");
            assertThat(board.get(1).get("score").asInt()).isEqualTo(90);
        });

        command("/api/hunts/" + hunt + "/freeze", null, ORGANIZER, 200);
        // once the lockout window has passed, the Larks find the clock after the freeze
        Thread.sleep(2_100);
        assertThat(command(findPath, find(clock, "nine"), bearer(dee), 200).get("outcome").asText()).isEqualTo("FOUND");
        await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode live = query("/api/hunts/" + hunt + "/leaderboard", ORGANIZER).json();
            assertThat(live.get(1).get("name").asText()).isEqualTo("Larks");
            assertThat(live.get(1).get("score").asInt()).isEqualTo(140);
        });
        JsonNode frozen = query("/api/hunts/" + hunt + "/leaderboard", null).json();
        assertThat(frozen.get(1).get("score").asInt()).isEqualTo(90);

        // a member's view is the team's, with who found what
        JsonNode view = query("/api/hunts/" + hunt + "/players/" + bob.get("playerId").asText(), bearer(bob)).json();
        assertThat(view.get("score").asInt()).isEqualTo(160);
        assertThat(view.get("team").get("name").asText()).isEqualTo("Owls");
        assertThat(view.get("found")).hasSize(2);
        assertThat(view.get("found").get(0).get("foundBy").get("handle").asText()).isEqualTo("Bob");
        assertThat(view.get("found").get(1).get("foundBy").get("handle").asText()).isEqualTo("Ann");

        // the audit replay of the stored events gives the same team boards
        await().atMost(VISIBLE_WITHIN).untilAsserted(() -> {
            JsonNode report = query("/api/audit/hunts/" + hunt + "/verify", AUDITOR).json();
            assertThat(report.get("chainsIntact").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.get("boardMatchesReplay").asBoolean()).as(report.toString()).isTrue();
        });
        String csv = query("/api/hunts/" + hunt + "/leaderboard.csv", ORGANIZER).raw().body();
        assertThat(csv).startsWith("rank,teamId,name,score,cluesFound,lastScoredAt,disqualified,members");
        assertThat(csv).contains(",Owls,160,2,", ",Larks,140,2,", "Ann Bob", "Cyd Dee");
    }
}
