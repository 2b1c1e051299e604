package io.veltrix.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.ObservedStatuses;
import io.veltrix.testsupport.TestStaff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the command service's HTTP integration tests: the real application on a random port
 * against a real embedded PostgreSQL, connected as the command service's own database role as the
 * launcher runs it (one context and database shared by all subclasses; every test makes its own
 * hunts).
 */
@AutoConfigureObservability
@Import(ObservedStatuses.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "veltrix.organizer.user=org", "veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
        "veltrix.auditor.user=aud", "veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
        "veltrix.admin.user=adm", "veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
        "veltrix.answer-key=dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXk=",
        "spring.datasource.hikari.maximum-pool-size=40",
        // the rules under test, not shedding: a slow test machine must not turn a request into a 503
        "veltrix.group-commit.max-queue-wait=60s"})
public abstract class CommandServiceIT {

    protected static final String ORGANIZER = basic("org", TestStaff.ORGANIZER_PASSWORD);
    protected static final String AUDITOR = basic("aud", TestStaff.AUDITOR_PASSWORD);
    protected static final String ADMIN = basic("adm", TestStaff.ADMIN_PASSWORD);

    /** A password the organizer accounts of tests are opened with: strong enough for the admin API's check. */
    protected static final String STRONG_PASSWORD = "tq8-Werx-31zk-Pow";

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** The test database; the application connects as its own role, {@code veltrix_command}. */
    protected static EmbeddedDatabase.ServiceDatabase database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = EmbeddedDatabase.registerAsCommandService(registry);
    }

    /**
     * The database's superuser, for fixtures and checks the service's role may not do (the
     * application itself never connects as it).
     */
    protected static JdbcClient superuser() {
        return JdbcClient.create(new DriverManagerDataSource(database.url(), "postgres",
                EmbeddedDatabase.SUPERUSER_PASSWORD));
    }

    /** An HTTP answer: status, headers and the body parsed as JSON (null when empty). */
    public record Answer(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected Answer post(String path, String body, String authorization, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected Answer get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    protected static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank() ? null : parse(response.body());
            return new Answer(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- a small scenario vocabulary -------------------------------------------------------

    protected String createHunt(String body) {
        Answer created = post("/api/hunts", body, ORGANIZER);
        if (created.status() != 201) {
            throw new AssertionError("hunt not created: " + created.status() + " " + created.raw().body());
        }
        return created.json().get("huntId").asText();
    }

    /** Opens an organizer account through the admin API and returns its Basic credentials. */
    protected String openOrganizerAccount(String username) {
        Answer opened = post("/api/admin/organizers",
                json(java.util.Map.of("username", username, "password", STRONG_PASSWORD)), ADMIN);
        if (opened.status() != 201) {
            throw new AssertionError("organizer account not opened: " + opened.status() + " " + opened.raw().body());
        }
        return basic(username, STRONG_PASSWORD);
    }

    protected String addClue(String huntId, String title, List<String> answers, int points, String hint, int penalty) {
        var body = JSON.createObjectNode().put("title", title).put("riddle", "Riddle of " + title).put("points", points);
        body.putArray("answers").addAll(answers.stream().map(JSON.getNodeFactory()::textNode).toList());
        if (hint != null) {
            body.put("hint", hint).put("hintPenalty", penalty);
        }
        Answer added = post("/api/hunts/" + huntId + "/clues", body.toString(), ORGANIZER);
        if (added.status() != 201) {
            throw new AssertionError("clue not added: " + added.status() + " " + added.raw().body());
        }
        return added.json().get("clueId").asText();
    }

    protected void transition(String huntId, String action) {
        Answer moved = post("/api/hunts/" + huntId + "/" + action, null, ORGANIZER);
        if (moved.status() != 200) {
            throw new AssertionError(action + " failed: " + moved.status() + " " + moved.raw().body());
        }
    }

    /** Registers a player and returns {playerId, token}. */
    protected JsonNode register(String huntId, String handle) {
        Answer registered = post("/api/hunts/" + huntId + "/players", json(java.util.Map.of("handle", handle)), null);
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered.status() + " " + registered.raw().body());
        }
        return registered.json();
    }

    protected Answer find(String huntId, String token, String clueId, String answer, String... headers) {
        return post("/api/hunts/" + huntId + "/finds",
                json(java.util.Map.of("clueId", clueId, "answer", answer)), bearer(token), headers);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
