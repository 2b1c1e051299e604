package io.veltrix.query.replay;

import static io.veltrix.query.ApiClient.ADMIN;
import static io.veltrix.query.ApiClient.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * While the leaderboard is rebuilt, no reader is handed a half-built board as the truth: board reads
 * (the spectators' edge included, which answers recent pages before the chain that sets the header)
 * say {@code Veltrix-Rebuilding}, and live streams keep the last complete board until the rebuilt one.
 */
class RebuildingBoardsTest extends QueryTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyBoardReadDuringAnotherInstancesRebuildSaysSoEvenWhereARecentPageWouldBeReused() throws Exception {
        HuntScenario scenario = HuntScenario.generate(45L, 50, 5, 2_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        ApiClient api = new ApiClient(port);
        String board = "/api/hunts/" + scenario.hunt.value() + "/leaderboard";
        assertThat(api.get(board, NOBODY).headers().firstValue(RebuildingNotice.HEADER)).isEmpty();

        // another query-service instance's replay, as its live row says
        jdbc.sql("""
                INSERT INTO projection_replay (projection, node, state, requested_at, renewed_at)
                VALUES ('leaderboard', 'another-instance', 'RUNNING', now(), now() + interval '1 minute')
                ON CONFLICT (projection) DO UPDATE SET node = excluded.node, state = 'RUNNING',
                    requested_at = excluded.requested_at, renewed_at = excluded.renewed_at
                """).update();
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                    api.get(board, NOBODY).headers().firstValue(RebuildingNotice.HEADER).isPresent());
            for (int read = 0; read < 20; read++) { // back to back: well within the page cache's 100 ms
                assertThat(api.get(board, NOBODY).headers().firstValue(RebuildingNotice.HEADER))
                        .as("read %d", read).hasValue("leaderboard,player-view");
            }
        } finally {
            jdbc.sql("UPDATE projection_replay SET state = 'DONE', renewed_at = now() WHERE projection = 'leaderboard'").update();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get(board, NOBODY).headers().firstValue(RebuildingNotice.HEADER).isEmpty());
        awaitBoardsMatchReplay(scenario.hunt);
    }

    @Test
    void aLiveStreamKeepsTheLastCompleteBoardWhileTheLeaderboardIsReplayed() throws Exception {
        HuntScenario scenario = HuntScenario.generate(46L, 200, 10, 30_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        ApiClient api = new ApiClient(port);
        List<JsonNode> boards = new CopyOnWriteArrayList<>();
        HttpClient sse = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> stream = sse.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/hunts/" + scenario.hunt.value() + "/leaderboard/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                stream.body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        boards.add(json.readTree(line.substring(5)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !boards.isEmpty());
            long complete = points(boards.get(0));
            assertThat(api.post("/api/admin/projections/leaderboard/replay", ADMIN).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> "CAUGHT_UP".equals(
                    json.readTree(api.get("/api/admin/projections/leaderboard/status", ADMIN).body()).get("state").asText()));
            TimeUnit.MILLISECONDS.sleep(500); // a few ticks after the end
            for (JsonNode board : boards) {
                assertThat(points(board)).as("a board sent while or after the leaderboard was rebuilt").isEqualTo(complete);
            }
        } finally {
            stream.body().close();
            java.lang.ref.Reference.reachabilityFence(sse);
        }
    }

    /** The points on a streamed board (its top lines): only a half-built board has fewer. */
    private static long points(JsonNode frame) {
        long sum = 0;
        for (JsonNode line : frame.get("board")) {
            sum += line.get("score").asLong();
        }
        return sum;
    }
}
