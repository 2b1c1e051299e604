package io.veltrix.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.TestStaff;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database going away: commands get 503 with Retry-After within a second (the service's own
 * pool settings) and nothing half-done; when it comes back the service recovers without a restart. Runs against its own PostgreSQL, which it
 * stops and starts on the same data directory and port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "veltrix.organizer.user=org", "veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
        "veltrix.auditor.user=aud", "veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
        "veltrix.admin.user=adm", "veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
        "veltrix.answer-key=dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXk=",
        // concurrent registrations share one group commit (none shed for waiting in the queue)
        "veltrix.group-commit.window=300ms", "veltrix.group-commit.max-queue-wait=60s"})
class DatabaseOutageIT {

    private static final String ORGANIZER = "Basic " + Base64.getEncoder().encodeToString(("org:" + TestStaff.ORGANIZER_PASSWORD).getBytes());
    private static Path dataDirectory;
    private static int databasePort;
    private static EmbeddedPostgres database;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("veltrix-outage");
        try (ServerSocket free = new ServerSocket(0)) {
            databasePort = free.getLocalPort();
        }
        database = start();
        // as the launcher does before a service starts: the event store migrated by its owner
        EventStoreSchema.migrate("jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres", "postgres");
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + databasePort + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    private static EmbeddedPostgres start() throws IOException {
        return EmbeddedDatabase.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(databasePort).start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    private HttpResponse<String> createHunt() throws Exception {
        return post("/api/hunts", "{\"name\":\"Outage\"}", ORGANIZER);
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A published hunt that has taken one registration (its rules are cached from then on). */
    private String openHunt() throws Exception {
        HttpResponse<String> created = createHunt();
        assertThat(created.statusCode()).isEqualTo(201);
        String hunt = new ObjectMapper().readTree(created.body()).get("huntId").asText();
        assertThat(post("/api/hunts/" + hunt + "/clues",
                "{\"title\":\"T\",\"riddle\":\"R\",\"points\":10,\"answers\":[\"a\"]}", ORGANIZER).statusCode())
                .isEqualTo(201);
        assertThat(post("/api/hunts/" + hunt + "/publish", "", ORGANIZER).statusCode()).isEqualTo(200);
        assertThat(post("/api/hunts/" + hunt + "/players", "{\"handle\":\"first\"}", null).statusCode()).isEqualTo(201);
        return hunt;
    }

    @Test
    void commandsGet503WhileTheDatabaseIsAwayAndWorkAgainWhenItIsBack() throws Exception {
        String hunt = openHunt();

        database.close();
        database = null;
        long asked = System.nanoTime();
        HttpResponse<String> away = createHunt();
        assertThat(away.statusCode()).isEqualTo(503);
        assertThat((System.nanoTime() - asked) / 1_000_000).as("answered while the database is away, in ms")
                .isLessThan(1000);
        assertThat(away.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(away.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        // once one request has waited the pool's 500 ms for a connection, the outage is known and
        // later ones are refused without that wait (the first may have failed on a pooled connection
        // the shutdown cut, which tells nothing about new ones)
        List<Long> refusalMillis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long again = System.nanoTime();
            assertThat(createHunt().statusCode()).isEqualTo(503);
            refusalMillis.add((System.nanoTime() - again) / 1_000_000);
        }
        assertThat(refusalMillis).as("refusals that waited for the pool, in ms").filteredOn(ms -> ms >= 250).hasSizeLessThan(2);
        // a player token not cached yet is looked up in a filter, before any handler
        HttpResponse<String> find = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/hunts/" + UUID.randomUUID() + "/finds"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer vxp_not-cached")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clueId\":\"c\",\"answer\":\"a\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(find.statusCode()).as(find.body()).isEqualTo(503);
        assertThat(find.headers().firstValue("Retry-After")).hasValue("5");
        // registrations that share a group commit whose transaction cannot start: all answered at once
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            long sent = System.nanoTime();
            List<Future<HttpResponse<String>>> registrations = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String handle = "player" + i;
                registrations.add(clients.submit(() -> post("/api/hunts/" + hunt + "/players",
                        "{\"handle\":\"" + handle + "\"}", null)));
            }
            for (Future<HttpResponse<String>> registration : registrations) {
                assertThat(registration.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
            }
            assertThat((System.nanoTime() - sent) / 1_000_000).as("the last of 12 answered, in ms").isLessThan(1500);
        } finally {
            clients.shutdownNow();
        }

        database = start();
        int status = 0;
        for (int attempt = 0; attempt < 60 && status != 201; attempt++) {
            status = createHunt().statusCode();
            if (status != 201) {
                Thread.sleep(500);
            }
        }
        assertThat(status).isEqualTo(201);
    }
}
