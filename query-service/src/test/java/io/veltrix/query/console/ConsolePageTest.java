package io.veltrix.query.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.join.QrCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The organizers' console and the join poster are served with the pages' policies (the console may
 * connect to the command service, the poster nowhere else); the console's players list is live,
 * searchable, with disqualified players last and unranked; the join QR code decodes to the link.
 */
class ConsolePageTest extends QueryTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConsoleMayConnectToTheCommandServiceAndThePosterMayNot() throws Exception {
        HttpResponse<String> console = get("/console");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("Organizer login", "/assets/console/main.js");
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("connect-src 'self' http://localhost:8081;", "script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(console.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> poster = get("/hunts/some-hunt/poster");
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.body()).contains("/assets/poster.js");
        assertThat(poster.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("connect-src 'self';", "img-src 'self'"));
        assertThat(poster.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void thePlayersListIsLiveSearchableAndPutsDisqualifiedPlayersLastWithoutARank() throws Exception {
        HuntScenario scenario = HuntScenario.generate(31L, 3, 1, 0);
        scenario.appendTo(events, 50);
        PlayerId first = scenario.players.get(0);
        PlayerId second = scenario.players.get(1);
        PlayerId third = scenario.players.get(2);
        events.append(new ClueFound(third, scenario.hunt, scenario.clues.get(0), 40),
                new PlayerDisqualified(first, scenario.hunt, "shared answers", "organizer"));
        String path = "/api/hunts/" + scenario.hunt.value() + "/players";
        await().atMost(PROJECTION_WAIT).until(() -> {
            JsonNode list = JSON.readTree(get(path, ApiClient.ORGANIZER).body());
            return list.size() == 3 && list.get(2).get("disqualified").asBoolean();
        });

        JsonNode all = JSON.readTree(get(path, ApiClient.ORGANIZER).body());
        assertThat(all.get(0).get("playerId").asText()).isEqualTo(third.value());
        assertThat(all.get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(all.get(0).get("score").asInt()).isPositive();
        assertThat(all.get(1).get("score").asInt()).isZero();
        assertThat(all.get(1).get("playerId").asText()).isEqualTo(second.value());
        assertThat(all.get(1).get("rank").asInt()).isEqualTo(2);
        assertThat(all.get(2).get("playerId").asText()).isEqualTo(first.value());
        assertThat(all.get(2).get("rank").isNull()).isTrue();

        // handles are player0..player2: a part of one, in another case, finds that one only
        JsonNode found = JSON.readTree(get(path + "?search=AYER1", ApiClient.ORGANIZER).body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("handle").asText()).isEqualTo("player1");
        assertThat(JSON.readTree(get(path + "?search=nobody", ApiClient.ORGANIZER).body())).isEmpty();
        assertThat(JSON.readTree(get(path + "?limit=1&offset=1", ApiClient.ORGANIZER).body()).get(0)
                .get("playerId").asText()).isEqualTo(second.value());

        HttpResponse<String> tooLong = get(path + "?search=" + "x".repeat(65), ApiClient.ORGANIZER);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> anonymous = get(path);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                .as("the console is never challenged for Basic").doesNotContainIgnoringCase("basic");
        HttpResponse<String> wrongPassword = get(path, "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("organizer:wrong-password-123".getBytes()));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate").orElse("")).doesNotContainIgnoringCase("basic");
        assertThat(get(path, ApiClient.bearer(second)).statusCode()).isEqualTo(403);
        // an organizer is told nothing about hunts that are not its own, whether they exist or not
        assertThat(get("/api/hunts/no-such-hunt/players", ApiClient.ORGANIZER).statusCode()).isEqualTo(403);
        assertThat(get("/api/hunts/no-such-hunt/players", ApiClient.ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void theJoinQrCodeDecodesToThePlayerPagesLink() throws Exception {
        HuntScenario scenario = HuntScenario.generate(32L, 1, 1, 0);
        scenario.appendTo(events, 50);
        String path = "/api/hunts/" + scenario.hunt.value() + "/join-qr.svg";
        await().atMost(PROJECTION_WAIT).until(() -> get(path).statusCode() == 200);

        HttpResponse<String> qr = get(path);
        assertThat(qr.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(qr.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(QrCodes.decode(qr.body())).isEqualTo("http://localhost:" + port + "/play/" + scenario.hunt.value());

        HttpResponse<String> unknown = get("/api/hunts/no-such-hunt/join-qr.svg");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
