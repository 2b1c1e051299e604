package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.TestStaff;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hunt played end to end through both services' HTTP APIs, the command service and the query
 * service running as separate processes on one PostgreSQL: what players do on the command side
 * shows on the query side's board, player views and live stream within a bounded wait.
 */
class LaunchDaySystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ORGANIZER = "Basic " + Base64.getEncoder().encodeToString(("org:" + TestStaff.ORGANIZER_PASSWORD).getBytes());
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private static Services services;
    private static EmbeddedDatabase.ServiceDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        services = Services.start(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    private record Answer(int status, JsonNode json) {
    }

    private static Answer call(String method, int port, String path, String body, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isBlank() ? null : JSON.readTree(response.body()));
    }

    private static JsonNode command(String path, String body, String auth, int expected) throws Exception {
        Answer answer = call("POST", services.commandPort, path, body, auth);
        assertThat(answer.status()).as(path + " " + answer.json()).isEqualTo(expected);
        return answer.json();
    }

    private static Answer query(String path, String auth) throws Exception {
        return call("GET", services.queryPort, path, null, auth);
    }

    private static final String REFUSED = "42501";

    @Test
    void eachServicesRoleReachesOnlyWhatItsServiceNeeds() {
        // both services are up on these roles (started in @BeforeAll): their migrations and work pass
        String event = "INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                + " time_stamp, payload_type, payload) VALUES ('forged', 'nobody', 0, 'now', 'x', '\\x00')";
        assertThat(database.asQuery(event)).as("the query service appends an event").isEqualTo(REFUSED);
        assertThat(database.asQuery("UPDATE public.domain_event_entry SET payload = payload")).isEqualTo(REFUSED);
        assertThat(database.asQuery("DELETE FROM public.domain_event_entry")).isEqualTo(REFUSED);
        assertThat(database.asQuery("SELECT count(*) FROM public.domain_event_entry")).isEqualTo("ok");
        assertThat(database.asQuery("UPDATE public.token_entry SET owner = owner WHERE false")).isEqualTo("ok");
        assertThat(database.asQuery("SELECT count(*) FROM command.player_credential")).as("command tables").isEqualTo(REFUSED);

        assertThat(database.asCommand("UPDATE public.domain_event_entry SET payload = payload WHERE false"))
                .as("the event table stays append-only for the role that appends").isEqualTo(REFUSED);
        assertThat(database.asCommand("DELETE FROM public.domain_event_entry WHERE false")).isEqualTo(REFUSED);
        assertThat(database.asCommand("TRUNCATE public.domain_event_entry")).isEqualTo(REFUSED);
        assertThat(database.asCommand("INSERT INTO query.lb_player (player_id, hunt_id, handle) VALUES ('p', 'h', 'x')"))
                .as("the command service writes a projection").isEqualTo(REFUSED);
        assertThat(database.asCommand("UPDATE query.hunt_summary SET name = name")).isEqualTo(REFUSED);
        assertThat(database.asCommand("DELETE FROM query.player_view_token")).isEqualTo(REFUSED);
        assertThat(database.asCommand("DROP TABLE query.lb_player")).isEqualTo(REFUSED);

        // tables that later migrations create: each service's stay its own; the event store's are readable
        assertThat(database.asCommand("CREATE TABLE command.later_command_table (x int)")).isEqualTo("ok");
        assertThat(database.asQuery("SELECT * FROM command.later_command_table")).isEqualTo(REFUSED);
        assertThat(database.asQuery("CREATE TABLE query.later_projection (x int)")).isEqualTo("ok");
        assertThat(database.asCommand("INSERT INTO query.later_projection VALUES (1)")).isEqualTo(REFUSED);
        assertThat(database.asCommand("CREATE TABLE public.command_in_the_store (x int)")).isEqualTo(REFUSED);
        assertThat(database.asEventStoreOwner("CREATE TABLE public.later_store_table (x int)")).isEqualTo("ok");
        assertThat(database.asQuery("SELECT * FROM public.later_store_table")).isEqualTo("ok");
        assertThat(database.asQuery("INSERT INTO public.later_store_table VALUES (1)")).isEqualTo(REFUSED);
        assertThat(database.asQuery("CREATE TABLE public.query_in_the_store (x int)")).isEqualTo(REFUSED);
        assertThat(database.asCommand("DROP TABLE command.later_command_table")).isEqualTo("ok");
        assertThat(database.asEventStoreOwner("DROP TABLE public.later_store_table")).isEqualTo("ok");
        // the event store is not the command role's: no DDL of its own switches the trigger off
        assertThat(database.asCommand("DROP TRIGGER domain_event_entry_append_only ON public.domain_event_entry"))
                .isEqualTo(REFUSED);
        assertThat(database.asCommand("ALTER TABLE public.domain_event_entry DISABLE TRIGGER ALL")).isEqualTo(REFUSED);
        assertThat(database.asQuery("DROP TABLE query.later_projection")).isEqualTo("ok");

        // password authentication, no trust: a wrong or missing password gets nobody in
        assertThat(database.run(database.queryUser(), "wrong", "SELECT 1")).isEqualTo("28P01");
        assertThat(database.run("postgres", "wrong", "SELECT 1")).isEqualTo("28P01");
        assertThat(database.run(database.commandUser(), "", "SELECT 1")).isNotEqualTo("ok");
    }

    @Test
    void aHuntPlayedOnTheCommandSideShowsOnTheQuerySide() throws Exception {
        String hunt = command("/api/hunts", "{\"name\":\"System\",\"firstFinderBonus\":5,\"maxWrongAttempts\":3}",
                ORGANIZER, 201).get("huntId").asText();
        String fountain = command("/api/hunts/" + hunt + "/clues", "{\"title\":\"Fountain\",\"riddle\":\"r\","
                + "\"answers\":[\"neptune\"],\"points\":100,\"hint\":\"trident\",\"hintPenalty\":10}", ORGANIZER, 201)
                .get("clueId").asText();
        String clock = command("/api/hunts/" + hunt + "/clues", "{\"title\":\"Clock\",\"riddle\":\"r\","
                + "\"answers\":[\"nine\"],\"points\":50}", ORGANIZER, 201).get("clueId").asText();
        command("/api/hunts/" + hunt + "/publish", null, ORGANIZER, 200);

        List<JsonNode> players = new ArrayList<>();
        for (String handle : List.of("Ada", "Bob", "Cyd")) {
            players.add(command("/api/hunts/" + hunt + "/players", "{\"handle\":\"" + handle + "\"}", null, 201));
        }
        command("/api/hunts/" + hunt + "/start", null, ORGANIZER, 200);

        // The live stream is opened before the finds, and must see the board change.
        List<String> streamed = openStream(hunt);

        String ada = "Bearer " + players.get(0).get("token").asText();
        String bo = "Bearer " + players.get(1).get("token").asText();
        String cy = "Bearer " + players.get(2).get("token").asText();
        String find = "/api/hunts/" + hunt + "/finds";
        assertThat(command(find, "{\"clueId\":\"" + fountain + "\",\"answer\":\"Neptune\"}", bo, 200)
                .get("outcome").asText()).isEqualTo("FOUND");
        command(find, "{\"clueId\":\"" + fountain + "\",\"answer\":\"neptune\"}", ada, 200);
        command(find, "{\"clueId\":\"" + clock + "\",\"answer\":\"nine\"}", ada, 200);
        assertThat(command(find, "{\"clueId\":\"" + clock + "\",\"answer\":\"ten\"}", cy, 200)
                .get("outcome").asText()).isEqualTo("WRONG");
        command("/api/hunts/" + hunt + "/hints/" + fountain, null, bo, 200);
        command("/api/hunts/" + hunt + "/players/" + players.get(2).get("playerId").asText() + "/adjustments",
                "{\"points\":20,\"reason\":\"helped a lost tourist\"}", ORGANIZER, 200);

        // Ada 100 + 50 + 5 (first finder of the clock) = 155; Bob 100 + 5 (first finder) - 10 (hint) = 95; Cyd 20.
        await().atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode board = query("/api/hunts/" + hunt + "/leaderboard", null).json();
            assertThat(board).hasSize(3);
            assertThat(board.get(0).get("handle").asText()).isEqualTo("Ada");
            assertThat(board.get(0).get("score").asInt()).isEqualTo(155);
            assertThat(board.get(0).get("cluesFound").asInt()).isEqualTo(2);
            assertThat(board.get(1).get("handle").asText()).isEqualTo("Bob");
            assertThat(board.get(1).get("score").asInt()).isEqualTo(95);
            assertThat(board.get(2).get("handle").asText()).isEqualTo("Cyd");
            assertThat(board.get(2).get("score").asInt()).isEqualTo(20);
        });

        String boView = "/api/hunts/" + hunt + "/players/" + players.get(1).get("playerId").asText();
        Answer own = query(boView, bo);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("score").asInt()).isEqualTo(95);
        assertThat(own.json().get("rank").asInt()).isEqualTo(2);
        assertThat(own.json().get("found")).hasSize(1);
        assertThat(own.json().get("hints")).hasSize(1);
        assertThat(query(boView, ada).status()).isEqualTo(403);
        assertThat(query(boView, null).status()).isEqualTo(401);
        Answer cyView = query("/api/hunts/" + hunt + "/players/" + players.get(2).get("playerId").asText(), ORGANIZER);
        assertThat(cyView.json().get("wrongAttempts").asInt()).isEqualTo(1);

        JsonNode summary = query("/api/hunts/" + hunt, null).json();
        assertThat(summary.get("status").asText()).isEqualTo("RUNNING");
        assertThat(summary.get("players").asInt()).isEqualTo(3);

        await().atMost(VISIBLE_WITHIN).untilAsserted(() ->
                assertThat(streamed).anySatisfy(data -> assertThat(data).contains("\"score\":155")));
    }

    /** Collects the data lines of the board stream in the background. */
    private static List<String> openStream(String hunt) throws Exception {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                "http://localhost:" + services.queryPort + "/api/hunts/" + hunt + "/leaderboard/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data:")) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException closed) {
                // the service stopped
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
