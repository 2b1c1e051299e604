package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.EventLog;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The big screen's score chart reads the past from the audit history: each of its instants shows
 * the scores of the audit's point-in-time board at that instant, it ends at a freeze (a find after
 * it stays hidden from the public), and its leaders and finds are the public board's.
 */
class ScoreHistoryTest extends QueryTestBase {

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
    void eachInstantShowsThePointInTimeBoardAndTheChartStopsAtTheFreeze() throws Exception {
        HuntScenario scenario = HuntScenario.generate(41L, 3, 2, 0);
        scenario.appendTo(events, 50);
        PlayerId first = scenario.players.get(0);
        PlayerId second = scenario.players.get(1);
        // stored with millisecond precision
        Instant started = scenario.setup.get(scenario.setup.size() - 1).at().truncatedTo(ChronoUnit.MILLIS);
        Instant frozenAt = started.plusSeconds(1800);
        events.append(List.of(
                new EventLog.Timed(started.plusSeconds(600), new ClueFound(first, scenario.hunt, scenario.clues.get(0), 10)),
                new EventLog.Timed(started.plusSeconds(1200), new ClueFound(second, scenario.hunt, scenario.clues.get(1), 15)),
                new EventLog.Timed(started.plusSeconds(1500), new ScoreboardFrozen(scenario.hunt, frozenAt, "org")),
                new EventLog.Timed(started.plusSeconds(2400), new ClueFound(second, scenario.hunt, scenario.clues.get(0), 10))));
        String hunt = "/api/hunts/" + scenario.hunt.value();
        await().atMost(PROJECTION_WAIT).until(() -> JSON.readTree(get(hunt).body()).has("frozenAt")
                && JSON.readTree(get(hunt + "/leaderboard", ApiClient.ORGANIZER).body()).get(0).get("cluesFound").asInt() == 2);

        JsonNode history = JSON.readTree(get(hunt + "/leaderboard/history?points=7").body());
        assertThat(Instant.parse(history.get("from").asText())).isEqualTo(started);
        assertThat(Instant.parse(history.get("to").asText())).isEqualTo(frozenAt);
        assertThat(history.get("times")).hasSize(7);
        assertThat(history.get("finds").asInt()).as("the find after the freeze is not counted").isEqualTo(2);

        JsonNode publicBoard = JSON.readTree(get(hunt + "/leaderboard").body());
        JsonNode series = history.get("series");
        assertThat(series).hasSize(publicBoard.size());
        for (int rank = 0; rank < series.size(); rank++) {
            assertThat(series.get(rank).get("playerId").asText()).isEqualTo(publicBoard.get(rank).get("playerId").asText());
            JsonNode scores = series.get(rank).get("scores");
            assertThat(scores.get(scores.size() - 1).asInt()).isEqualTo(publicBoard.get(rank).get("score").asInt());
        }
        for (int i = 0; i < history.get("times").size(); i++) {
            String at = history.get("times").get(i).asText();
            Map<String, Integer> asOf = new HashMap<>();
            JsonNode board = JSON.readTree(get("/api/audit/hunts/" + scenario.hunt.value() + "/leaderboard?asOf=" + at,
                    ApiClient.AUDITOR).body()).get("board");
            board.forEach(line -> asOf.put(line.get("playerId").asText(), line.get("score").asInt()));
            for (JsonNode player : series) {
                assertThat(player.get("scores").get(i).asInt()).as(player.get("handle").asText() + " at " + at)
                        .isEqualTo(asOf.getOrDefault(player.get("playerId").asText(), 0));
            }
        }
        assertThat(series.get(0).get("playerId").asText()).isEqualTo(second.value());
        assertThat(series.get(0).get("scores").get(0).asInt()).isZero();
    }

    @Test
    void aBadSampleCountOrAnUnknownHuntIsRefused() throws Exception {
        for (String points : List.of("1", "241", "x")) {
            HttpResponse<String> refused = get("/api/hunts/any/leaderboard/history?points=" + points);
            assertThat(refused.statusCode()).as(points).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/api/hunts/no-such-hunt/leaderboard/history").statusCode()).isEqualTo(404);
    }
}
