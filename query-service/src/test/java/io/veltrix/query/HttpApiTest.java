package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.JoinCodeChanged;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.WrongAnswersSurged;
import io.veltrix.api.player.PlayerId;
import io.veltrix.testsupport.TestStaff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every query endpoint over real HTTP: shapes, views by role, 401/403/404 as problem+json. */
class HttpApiTest extends QueryTestBase {

    private final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    private ObjectMapper json;

    private HuntScenario scenario;
    private PlayerId alice;
    private PlayerId bob;

    @BeforeEach
    void aPlayedHunt() {
        scenario = HuntScenario.generate(7L, 4, 3, 0);
        scenario.appendTo(events, 50);
        alice = scenario.players.get(0);
        bob = scenario.players.get(1);
        events.append(new ClueFound(alice, scenario.hunt, scenario.clues.get(0), 10),
                new ClueFindRejected(alice, scenario.hunt, scenario.clues.get(1), 1));
        awaitBoardsMatchReplay(scenario.hunt);
        await().atMost(PROJECTION_WAIT).until(() -> get("/api/hunts/" + hunt() + "/players/" + alice,
                bearer(alice)).statusCode() == 200);
    }

    private String hunt() {
        return scenario.hunt.value();
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] basic(String user, String password) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    private static String[] organizer() {
        return basic("organizer", TestStaff.ORGANIZER_PASSWORD);
    }

    private static String[] bearer(PlayerId player) {
        return new String[] {"Authorization", "Bearer " + HuntScenario.token(player)};
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    private void assertProblem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("status").asInt()).isEqualTo(status);
    }

    @Test
    void huntsAreListedWithCountsAndDraftsOnlyForStaff() throws Exception {
        HuntId draft = HuntId.random();
        events.append(new HuntCreated(draft, "Secret draft", null, null, null, 0, 5, 60, "organizer"));
        await().atMost(PROJECTION_WAIT).until(() -> get("/api/hunts", organizer()).body().contains(draft.value()));

        JsonNode hunts = body(get("/api/hunts"));
        assertThat(hunts.findValuesAsText("huntId")).contains(hunt()).doesNotContain(draft.value());
        JsonNode mine = Stream.of(hunts).flatMap(h -> java.util.stream.StreamSupport.stream(h.spliterator(), false))
                .filter(h -> h.get("huntId").asText().equals(hunt())).findFirst().orElseThrow();
        assertThat(mine.get("status").asText()).isEqualTo("RUNNING");
        assertThat(mine.get("players").asInt()).isEqualTo(4);
        assertThat(mine.get("clueCount").asInt()).isEqualTo(3);
    }

    @Test
    void aHuntShowsItsCluesButNoAnswers() throws Exception {
        HttpResponse<String> response = get("/api/hunts/" + hunt());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode hunt = body(response);
        assertThat(hunt.get("clues")).hasSize(3);
        assertThat(hunt.get("clues").get(0).get("title").asText()).isEqualTo("Clue 0");
        assertThat(response.body()).doesNotContain("salt", "answerHashes", "hash\"", "hint 0");
        assertProblem(get("/api/hunts/no-such-hunt"), 404);
    }

    @Test
    void aClueDrawingWrongAnswersAtAnAbnormalRateIsFlaggedToStaffOnly() throws Exception {
        String clue = scenario.clues.get(1).value();
        events.append(new WrongAnswersSurged(scenario.hunt, scenario.clues.get(1), 240),
                new WrongAnswersSurged(scenario.hunt, scenario.clues.get(1), 900));
        await().atMost(PROJECTION_WAIT).until(() -> get("/api/hunts/" + hunt(), organizer()).body()
                .contains("\"peakWrongPerMinute\":900"));

        JsonNode staff = body(get("/api/hunts/" + hunt(), organizer())).get("clues");
        JsonNode flagged = staff.get(1);
        assertThat(flagged.get("clueId").asText()).isEqualTo(clue);
        assertThat(flagged.get("wrongAnswerSurges").asInt()).isEqualTo(2);
        assertThat(flagged.get("peakWrongPerMinute").asInt()).isEqualTo(900);
        assertThat(flagged.get("lastWrongAnswerSurgeAt").asText()).isNotEmpty();
        assertThat(staff.get(0).get("wrongAnswerSurges").asInt()).isZero();

        // the public, players included, do not learn that an attack was noticed
        assertThat(get("/api/hunts/" + hunt()).body()).doesNotContain("wrongAnswerSurges", "peakWrongPerMinute");
    }

    @Test
    void aHuntSaysWhetherRegistrationNeedsAJoinCodeAndNeverShowsIt() throws Exception {
        HuntId members = HuntId.random();
        events.append(new HuntCreated(members, "Members only", null, null, null, 0, 5, 60, "organizer", "c0ffee"),
                new HuntPublished(members, 0, "org"));
        await().atMost(PROJECTION_WAIT).until(() -> get("/api/hunts/" + members.value()).statusCode() == 200);

        HttpResponse<String> response = get("/api/hunts/" + members.value());
        assertThat(body(response).get("joinCodeRequired").asBoolean()).isTrue();
        assertThat(response.body()).doesNotContain("c0ffee", "joinCodeHash");
        assertThat(body(get("/api/hunts/" + hunt())).get("joinCodeRequired").asBoolean()).isFalse();

        events.append(new JoinCodeChanged(members, null, "org"));
        await().atMost(PROJECTION_WAIT).until(() -> !body(get("/api/hunts/" + members.value()))
                .get("joinCodeRequired").asBoolean());
    }

    @Test
    void theLeaderboardIsFrozenForThePublicAndLiveForTheOrganizer() throws Exception {
        String path = "/api/hunts/" + hunt() + "/leaderboard?limit=10";
        JsonNode before = body(get(path));
        assertThat(before.get(0).get("playerId").asText()).isEqualTo(alice.value());
        assertThat(before.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(before.get(0).get("score").asInt()).isEqualTo(17); // 10 + first-finder bonus 7
        assertThat(before.get(0).get("handle").asText()).isEqualTo("player0");
        assertThat(before.get(0).get("cluesFound").asInt()).isEqualTo(1);
        assertThat(before.get(0).get("lastScoredAt").asText()).isNotEmpty();

        events.append(new ScoreboardFrozen(scenario.hunt, Instant.now(), "org"));
        Thread.sleep(5);
        events.append(new ClueFound(bob, scenario.hunt, scenario.clues.get(2), 20));
        await().atMost(PROJECTION_WAIT).untilAsserted(() ->
                assertThat(body(get(path, organizer())).get(0).get("playerId").asText()).isEqualTo(bob.value()));
        assertThat(body(get(path)).get(0).get("playerId").asText()).isEqualTo(alice.value());
        assertThat(body(get(path, bearer(bob))).get(0).get("playerId").asText()).isEqualTo(alice.value());
        assertThat(leaderboards.publicFinds(hunt())).as("finds the frozen public board counts (the big screen's)")
                .isEqualTo(1);

        assertProblem(get("/api/hunts/" + hunt() + "/leaderboard?limit=0"), 400);
        assertProblem(get("/api/hunts/" + hunt() + "/leaderboard?limit=abc"), 400);
        assertProblem(get("/api/hunts/nope/leaderboard"), 404);
    }

    @Test
    void theApiDocsListStaffOperationsToStaffOnly() throws Exception {
        for (String[] caller : List.of(new String[0], bearer(alice))) {
            HttpResponse<String> docs = get("/v3/api-docs", caller);
            assertThat(docs.statusCode()).isEqualTo(200);
            JsonNode paths = body(docs).get("paths");
            assertThat(paths.has("/api/hunts/{huntId}/leaderboard")).isTrue();
            assertThat(paths.has("/api/hunts/{huntId}/players/{playerId}")).as("the player view").isTrue();
            paths.fieldNames().forEachRemaining(path -> assertThat(path)
                    .doesNotStartWith("/api/audit").doesNotStartWith("/api/admin").doesNotEndWith(".csv"));
            assertThat(get("/v3/api-docs.yaml", caller).body()).doesNotContain("/api/audit");
        }
        JsonNode all = body(get("/v3/api-docs", basic("admin", TestStaff.ADMIN_PASSWORD))).get("paths");
        assertThat(all.has("/api/hunts/{huntId}/leaderboard.csv")).isTrue();
        List<String> staffPaths = new java.util.ArrayList<>();
        all.fieldNames().forEachRemaining(staffPaths::add);
        assertThat(staffPaths).anyMatch(path -> path.startsWith("/api/audit/"))
                .anyMatch(path -> path.startsWith("/api/admin/projections"));
        assertThat(body(get("/v3/api-docs", organizer())).get("paths").has("/api/hunts/{huntId}/leaderboard.csv")).isTrue();
    }

    @Test
    void aPlayerSeesOnlyThemselvesAndOrganizersSeeEveryone() throws Exception {
        String path = "/api/hunts/" + hunt() + "/players/" + alice;
        assertProblem(get(path), 401);
        assertProblem(get(path, "Authorization", "Bearer not-a-token"), 401);
        assertProblem(get(path, basic("organizer", "wrong")), 401);
        assertProblem(get(path, bearer(bob)), 403);
        assertProblem(get(path, basic("auditor", TestStaff.AUDITOR_PASSWORD)), 403);

        JsonNode own = body(get(path, bearer(alice)));
        assertThat(own.get("playerId").asText()).isEqualTo(alice.value());
        assertThat(own.get("handle").asText()).isEqualTo("player0");
        assertThat(own.get("score").asInt()).isEqualTo(17);
        assertThat(own.get("rank").asInt()).isEqualTo(1);
        assertThat(own.get("found")).hasSize(1);
        assertThat(own.get("found").get(0).get("clueId").asText()).isEqualTo(scenario.clues.get(0).value());
        assertThat(own.get("found").get(0).get("points").asInt()).isEqualTo(17);
        assertThat(own.get("wrongAttempts").asInt()).isEqualTo(1);
        assertThat(own.get("hints")).isEmpty();

        assertThat(get(path, organizer()).statusCode()).isEqualTo(200);
        assertProblem(get("/api/hunts/" + hunt() + "/players/" + PlayerId.random(), organizer()), 404);
    }

    @Test
    void theCsvExportIsForOrganizers() throws Exception {
        String path = "/api/hunts/" + hunt() + "/leaderboard.csv";
        assertProblem(get(path), 401);
        assertProblem(get(path, bearer(alice)), 403);
        HttpResponse<String> csv = get(path, organizer());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("rank,playerId,handle,score,cluesFound,lastScoredAt,disqualified");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("1," + alice + ",player0,17,1,");
    }

    @Test
    void theStreamSendsTheBoardAndThenItsChanges() throws Exception {
        BlockingQueue<String> data = new LinkedBlockingQueue<>();
        HttpClient sse = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/hunts/" + hunt() + "/leaderboard/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = sse.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                response.body().filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5)));
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode first = json.readTree(data.poll(10, TimeUnit.SECONDS));
            assertThat(first.get("board").get(0).get("playerId").asText()).isEqualTo(alice.value());
            assertThat(first.get("finds").asInt()).as("finds the board counts").isEqualTo(1);

            events.append(new ClueFound(bob, scenario.hunt, scenario.clues.get(1), 15),
                    new ClueFound(bob, scenario.hunt, scenario.clues.get(2), 20));
            await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
                String next = data.poll(1, TimeUnit.SECONDS);
                assertThat(next).isNotNull();
                JsonNode board = json.readTree(next);
                assertThat(board.get("board").get(0).get("playerId").asText()).isEqualTo(bob.value());
                assertThat(board.get("board").get(0).get("score").asInt()).isEqualTo(15 + 7 + 20 + 7);
                assertThat(board.get("recent").get(0).get("handle").asText()).isEqualTo("player1");
                assertThat(board.get("finds").asInt()).isEqualTo(3);
            });
        } finally {
            response.body().close();
            java.lang.ref.Reference.reachabilityFence(sse);
        }
        assertProblem(get("/api/hunts/no-such-hunt/leaderboard/stream", "Accept", "text/event-stream"), 404);
    }

    /** An open event stream's "event:" and "data:" lines, as they come. */
    private record EventLines(HttpClient client, HttpResponse<Stream<String>> response, BlockingQueue<String> lines)
            implements AutoCloseable {

        String next() throws InterruptedException {
            return lines.poll(20, TimeUnit.SECONDS);
        }

        /** The next event, which must be of {@code type}: its data. */
        JsonNode next(String type, ObjectMapper json) throws Exception {
            assertThat(next()).isEqualTo("event:" + type);
            return json.readTree(next().substring(5));
        }

        @Override
        public void close() {
            response.body().close();
            java.lang.ref.Reference.reachabilityFence(client);
        }
    }

    private EventLines stream(String query) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpClient sse = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/hunts/" + hunt() + "/leaderboard/stream" + query))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = sse.send(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                response.body().filter(line -> line.startsWith("event:") || line.startsWith("data:")).forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new EventLines(sse, response, lines);
    }

    @Test
    void aStreamAskingForChangesGetsTheBoardOnceAndThenChangesThatLeadToTheSameBoard() throws Exception {
        try (EventLines withMoves = stream("?changes=true&moves=true"); EventLines byPosition = stream("?changes=true")) {
            JsonNode first = withMoves.next("board", json);
            assertThat(first.get("board")).hasSize(4); // every registered player, alice first
            assertThat(byPosition.next("board", json)).isEqualTo(first);

            events.append(new ClueFound(bob, scenario.hunt, scenario.clues.get(0), 10)); // 10 < alice's 10 + bonus
            JsonNode change = withMoves.next("change", json);
            assertThat(change.get("base").asLong()).isEqualTo(first.get("version").asLong());
            assertThat(change.get("size").asInt()).isEqualTo(4);
            assertThat(change.get("lines")).hasSize(1); // only bob's line changed: his score, not his place
            assertThat(change.get("lines").get(0).get("at").asInt()).isEqualTo(1);
            assertThat(change.get("lines").get(0).get("line").get("playerId").asText()).isEqualTo(bob.value());
            assertThat(change.get("recent")).hasSize(1);
            assertThat(change.get("recentSize").asInt()).isEqualTo(2);
            assertThat(change.get("finds").asInt()).isEqualTo(first.get("finds").asInt() + 1);
            assertThat(change.get("moved")).isEmpty();
            assertThat(byPosition.next("change", json)).isEqualTo(change);

            // the last player climbs past the third: the climber's line, and the line it passed moved down one place
            String last = first.get("board").get(3).get("playerId").asText();
            PlayerId climber = scenario.players.stream().filter(p -> p.value().equals(last)).findFirst().orElseThrow();
            events.append(new ClueFound(climber, scenario.hunt, scenario.clues.get(0), 5)); // no first-find bonus
            JsonNode climb = withMoves.next("change", json);
            assertThat(climb.get("base").asLong()).isEqualTo(change.get("version").asLong());
            assertThat(climb.get("lines")).hasSize(1);
            assertThat(climb.get("lines").get(0).get("at").asInt()).isEqualTo(2);
            assertThat(climb.get("lines").get(0).get("line").get("playerId").asText()).isEqualTo(last);
            assertThat(climb.get("moved")).hasSize(1);
            assertThat(climb.get("moved").get(0).get("at").asInt()).isEqualTo(3);
            assertThat(climb.get("moved").get(0).get("from").asInt()).isEqualTo(2);
            assertThat(climb.get("moved").get(0).get("count").asInt()).isEqualTo(1);

            // without moves=true (clients that do not read moved runs): both lines, by position
            JsonNode climbByPosition = byPosition.next("change", json);
            assertThat(climbByPosition.get("version")).isEqualTo(climb.get("version"));
            assertThat(climbByPosition.get("moved")).isEmpty();
            assertThat(climbByPosition.get("lines")).hasSize(2);
            assertThat(climbByPosition.get("lines").get(0).get("line").get("playerId").asText()).isEqualTo(last);
            assertThat(climbByPosition.get("lines").get(1).get("at").asInt()).isEqualTo(3);
            assertThat(climbByPosition.get("lines").get(1).get("line").get("playerId").asText())
                    .isEqualTo(first.get("board").get(2).get("playerId").asText());
        }
    }

    @Test
    void operationsEndpointsAnswer() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(body(get("/actuator/health")).has("components")).as("parts shown to anyone").isFalse();
        assertThat(body(get("/actuator/health", basic("admin", TestStaff.ADMIN_PASSWORD))).get("components").has("projections")).isTrue();
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
        String metrics = get("/actuator/prometheus", basic("admin", TestStaff.ADMIN_PASSWORD)).body();
        assertThat(metrics).contains("http_server_requests", "veltrix_projection_dead_letters", "veltrix_live_subscribers");
        assertThat(body(get("/v3/api-docs")).get("paths").has("/api/hunts/{huntId}/leaderboard")).isTrue();
        assertThat(get("/").body()).contains("Veltrix");
        assertThat(get("/hunts/" + hunt()).body()).contains("Latest finds");
        for (String page : List.of("/", "/hunts/" + hunt())) {
            HttpResponse<String> html = get(page);
            assertThat(html.headers().firstValue("Content-Security-Policy")).as(page)
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
            assertThat(html.headers().firstValue("Referrer-Policy")).as(page).hasValue("no-referrer");
        }
    }
}
