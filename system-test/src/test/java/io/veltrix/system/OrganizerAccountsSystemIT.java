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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An organizer account opened by the admin on the command service logs in on both services (the
 * query service learns it from the event store), owns its hunt on both, shares it with a
 * co-organizer, and the audit trail names who did what, never the password or its hash. Disabled
 * or given a new password on the command service, it is refused on both.
 */
class OrganizerAccountsSystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ADMIN = basic("adm", TestStaff.ADMIN_PASSWORD);
    private static final String AUDITOR = basic("aud", TestStaff.AUDITOR_PASSWORD);
    private static final String CONFIGURED_ORGANIZER = basic("org", TestStaff.ORGANIZER_PASSWORD);
    private static final String PASSWORD = "sys-Rk4-alice-Tq9w";
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

    private record Answer(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Answer call(String method, int port, String path, String body, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", auth);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private static Answer command(String path, String body, String auth) throws Exception {
        return call("POST", services.commandPort, path, body, auth);
    }

    private static Answer query(String path, String auth) throws Exception {
        return call("GET", services.queryPort, path, null, auth);
    }

    @Test
    void anAccountOpenedOnTheCommandSideOwnsItsHuntOnBothServices() throws Exception {
        Answer opened = command("/api/admin/organizers", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}", ADMIN);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String alice = basic("alice", PASSWORD);

        Answer created = command("/api/hunts", "{\"name\":\"Alice's hunt\"}", alice);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String hunt = created.json().get("huntId").asText();
        assertThat(command("/api/hunts/" + hunt + "/clues",
                "{\"title\":\"Gate\",\"riddle\":\"r\",\"answers\":[\"gate\"],\"points\":10}", alice).status()).isEqualTo(201);
        assertThat(command("/api/hunts/" + hunt + "/publish", null, alice).status()).isEqualTo(200);
        String csv = "/api/hunts/" + hunt + "/leaderboard.csv";
        await().atMost(VISIBLE_WITHIN).until(() -> query(csv, alice).status() == 200);

        // the configured organizer did not create it: refused on both services
        assertThat(command("/api/hunts/" + hunt + "/start", null, CONFIGURED_ORGANIZER).status()).isEqualTo(403);
        assertThat(query(csv, CONFIGURED_ORGANIZER).status()).isEqualTo(403);

        assertThat(command("/api/hunts/" + hunt + "/organizers", "{\"username\":\"org\"}", alice).status()).isEqualTo(200);
        await().atMost(VISIBLE_WITHIN).until(() -> query(csv, CONFIGURED_ORGANIZER).status() == 200);
        assertThat(command("/api/hunts/" + hunt + "/start", null, CONFIGURED_ORGANIZER).status()).isEqualTo(200);

        String events = "/api/audit/hunts/" + hunt + "/events?limit=100";
        await().atMost(VISIBLE_WITHIN).until(() -> query(events, AUDITOR).body().contains("HuntStarted"));
        JsonNode trail = query(events, AUDITOR).json();
        assertThat(trail.findValuesAsText("type")).containsExactly("io.veltrix.api.hunt.HuntCreated",
                "io.veltrix.api.hunt.ClueAdded", "io.veltrix.api.hunt.HuntPublished",
                "io.veltrix.api.hunt.HuntOrganizerAdded", "io.veltrix.api.hunt.HuntStarted");
        assertThat(trail.get(0).get("payload").get("organizer").asText()).isEqualTo("alice");
        assertThat(trail.get(3).get("payload").get("by").asText()).isEqualTo("alice");
        assertThat(trail.get(3).get("payload").get("username").asText()).isEqualTo("org");
        assertThat(trail.get(4).get("payload").get("by").asText()).isEqualTo("org");
        assertThat(query("/api/audit/hunts/" + hunt + "/export", AUDITOR).body()).doesNotContain(PASSWORD, "$2a$");
    }

    @Test
    void anAccountDisabledOrResetOnTheCommandSideIsRefusedOnBothServices() throws Exception {
        String newPassword = "sys-Vb8-brenda-Lx2q";
        assertThat(command("/api/admin/organizers", "{\"username\":\"brenda\",\"password\":\"" + PASSWORD + "\"}",
                ADMIN).status()).isEqualTo(201);
        String brenda = basic("brenda", PASSWORD);
        // both services remember a verified login
        assertThat(command("/api/hunts", "{\"name\":\"Brenda's hunt\"}", brenda).status()).isEqualTo(201);
        await().atMost(VISIBLE_WITHIN).until(() -> query("/api/hunts", brenda).status() == 200);

        assertThat(command("/api/admin/organizers/brenda/disable", null, ADMIN).status()).isEqualTo(200);
        assertThat(command("/api/hunts", "{\"name\":\"disabled\"}", brenda).status()).isEqualTo(401);
        await().atMost(VISIBLE_WITHIN).until(() -> query("/api/hunts", brenda).status() == 401);
        Answer listed = query("/api/admin/organizers", ADMIN);
        assertThat(listed.body()).contains("\"username\":\"brenda\",\"disabled\":true").doesNotContain("$2a$");

        assertThat(command("/api/admin/organizers/brenda/enable", null, ADMIN).status()).isEqualTo(200);
        await().atMost(VISIBLE_WITHIN).until(() -> query("/api/hunts", brenda).status() == 200);
        assertThat(command("/api/admin/organizers/brenda/password", "{\"password\":\"" + newPassword + "\"}", ADMIN)
                .status()).isEqualTo(200);
        assertThat(command("/api/hunts", "{\"name\":\"old password\"}", brenda).status()).isEqualTo(401);
        await().atMost(VISIBLE_WITHIN).until(() -> query("/api/hunts", brenda).status() == 401);
        String renewed = basic("brenda", newPassword);
        assertThat(command("/api/hunts", "{\"name\":\"new password\"}", renewed).status()).isEqualTo(201);
        assertThat(query("/api/hunts", renewed).status()).isEqualTo(200);
    }
}
