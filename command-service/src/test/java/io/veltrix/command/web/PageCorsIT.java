package io.veltrix.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.command.CommandServiceIT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pages' origin (by default the query service's, http://localhost:8082) may post a player's
 * requests and the organizer console's commands from a browser and read the answers, Retry-After
 * and a staff device credential included; no other origin may, and no page may reach anything else.
 */
class PageCorsIT extends CommandServiceIT {

    private static final String PAGE = "http://localhost:8082";
    private static final String FOREIGN = "http://evil.example";

    private Answer preflight(String path, String origin) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key,veltrix-device")
                .build());
    }

    @Test
    void thePageOriginMayPostAPlayersRequestsAndNoOtherOriginMay() {
        for (String path : List.of("/api/hunts/h1/players", "/api/hunts/h1/finds", "/api/hunts/h1/hints/c1",
                "/api/hunts/h1/teams", "/api/hunts/h1/teams/t1/members")) {
            Answer allowed = preflight(path, PAGE);
            assertThat(allowed.status()).as(path).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).as(path).isEqualTo(PAGE);
            assertThat(allowed.header("Access-Control-Allow-Methods")).as(path).contains("POST");
            assertThat(allowed.header("Access-Control-Allow-Headers").toLowerCase())
                    .contains("authorization", "content-type", "idempotency-key");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).as(path).isNull();

            Answer refused = preflight(path, FOREIGN);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.header("Access-Control-Allow-Origin")).as(path).isNull();
        }
    }

    @Test
    void theConsoleOriginMayPostTheOrganizersCommandsWithoutBrowserCredentials() {
        for (String path : List.of("/api/hunts", "/api/hunts/h1/clues", "/api/hunts/h1/edit",
                "/api/hunts/h1/clues/c1/edit", "/api/hunts/h1/clues/c1/remove", "/api/hunts/h1/publish", "/api/hunts/h1/start",
                "/api/hunts/h1/freeze", "/api/hunts/h1/end", "/api/hunts/h1/join-code",
                "/api/hunts/h1/players/p1/disqualify", "/api/hunts/h1/players/p1/reinstate",
                "/api/hunts/h1/players/p1/adjustments", "/api/hunts/h1/teams/t1/disqualify",
                "/api/hunts/h1/teams/t1/reinstate", "/api/hunts/h1/teams/t1/adjustments",
                "/api/hunts/h1/organizers", "/api/hunts/h1/organizers/alice/remove", "/api/organizers/me/password",
                "/api/admin/organizers", "/api/admin/organizers/alice/disable", "/api/admin/organizers/alice/enable",
                "/api/admin/organizers/alice/password")) {
            Answer allowed = preflight(path, PAGE);
            assertThat(allowed.header("Access-Control-Allow-Origin")).as(path).isEqualTo(PAGE);
            assertThat(allowed.header("Access-Control-Allow-Headers").toLowerCase()).as(path).contains("veltrix-device");
            assertThat(allowed.header("Access-Control-Allow-Credentials")).as(path).isNull();
            assertThat(preflight(path, FOREIGN).header("Access-Control-Allow-Origin")).as(path).isNull();
        }
        Answer created = post("/api/hunts", "{\"name\":\"From the console\"}", ORGANIZER, "Origin", PAGE);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
        // the console keeps the device credential it is given: the page may read it
        assertThat(created.header("Veltrix-Device")).startsWith("vxd1.");
        assertThat(created.header("Access-Control-Expose-Headers")).contains("Veltrix-Device");
        Answer foreign = post("/api/hunts", "{\"name\":\"From elsewhere\"}", ORGANIZER, "Origin", FOREIGN);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void noPageMayReachWhatNeitherPageUses() {
        for (String path : List.of("/actuator/prometheus", "/api/hunts/h1/nothing")) {
            assertThat(preflight(path, PAGE).header("Access-Control-Allow-Origin")).as(path).isNull();
        }
    }

    @Test
    void answersOnTheHotPathCarryTheHeadersAndExposeRetryAfter() {
        String hunt = createHunt("{\"name\":\"Cors\",\"maxWrongAttempts\":1,\"lockoutWindowSeconds\":120}");
        String clue = addClue(hunt, "Elm", List.of("leaf"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        Answer registered = post("/api/hunts/" + hunt + "/players", "{\"handle\":\"corsair\"}", null, "Origin", PAGE);
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
        String token = registered.json().get("token").asText();

        Answer wrong = find(hunt, token, clue, "bark", "Origin", PAGE);
        assertThat(wrong.json().get("outcome").asText()).isEqualTo("WRONG");
        assertThat(wrong.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);

        Answer locked = find(hunt, token, clue, "bark", "Origin", PAGE);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(locked.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
        assertThat(locked.header("Access-Control-Expose-Headers")).contains("Retry-After");

        Answer foreign = find(hunt, token, clue, "leaf", "Origin", FOREIGN);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    /** A request without an Origin is no page's: it goes on without CORS, answered without CORS's headers. */
    @Test
    void aRequestWithoutAnOriginIsLeftToTheRest() {
        String hunt = createHunt("{\"name\":\"No origin\"}");
        addClue(hunt, "Elm", List.of("leaf"), 10, null, 0);
        transition(hunt, "publish");
        Answer fromPage = post("/api/hunts/" + hunt + "/players", "{\"handle\":\"paged\"}", null, "Origin", PAGE);
        assertThat(fromPage.status()).isEqualTo(201);
        assertThat(fromPage.header("Vary")).contains("Origin");

        Answer plain = post("/api/hunts/" + hunt + "/players", "{\"handle\":\"plain\"}", null);
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.header("Vary")).isNull();
        assertThat(plain.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aWildcardOriginIsRefused() {
        assertThatThrownBy(() -> PageCors.source(List.of("*")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PageCors.source(List.of(PAGE, "https://*.example.org")))
                .isInstanceOf(IllegalStateException.class);
    }
}
