package io.veltrix.query.replay;

import static io.veltrix.query.ApiClient.ADMIN;
import static io.veltrix.query.ApiClient.AUDITOR;
import static io.veltrix.query.ApiClient.NOBODY;
import static io.veltrix.query.ApiClient.ORGANIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A projection rebuilt from event 0 over a 20k-event store ends equal to the scoring replay. */
class ReplayTest extends QueryTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aReplayedLeaderboardEqualsTheReplayOfTheStoreAndReportsItsProgress() throws Exception {
        HuntScenario scenario = HuntScenario.generate(31L, 300, 12, 20_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        ApiClient api = new ApiClient(port);
        String base = "/api/admin/projections/leaderboard";

        HttpResponse<String> started = api.post(base + "/replay", ORGANIZER);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode first = json.readTree(started.body());
        assertThat(first.get("name").asText()).isEqualTo("leaderboard");
        assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(20_000);
        assertThat(first.get("requestedBy").asText()).isEqualTo("organizer");

        List<JsonNode> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode status = json.readTree(api.get(base + "/status", ADMIN).body());
            seen.add(status);
            return "CAUGHT_UP".equals(status.get("state").asText());
        });
        assertThat(seen).extracting(s -> s.get("processed").asLong()).isSorted();
        JsonNode done = seen.get(seen.size() - 1);
        assertThat(done.get("processed").asLong()).isEqualTo(done.get("total").asLong());
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(done.get("requestedBy").asText()).as("who asked, after the run too").isEqualTo("organizer");
        assertThat(jdbc.sql("SELECT requested_by FROM projection_replay WHERE projection = 'leaderboard'")
                .query(String.class).single()).isEqualTo("organizer");
        awaitBoardsMatchReplay(scenario.hunt);
        assertThat(api.get("/api/hunts/" + scenario.hunt.value() + "/leaderboard", NOBODY)
                .headers().firstValue("Veltrix-Rebuilding")).isEmpty();
    }

    @Test
    void whileReplayingTheApiSaysTheBoardIsRebuilding() throws Exception {
        HuntScenario scenario = HuntScenario.generate(37L, 50, 5, 5_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/api/admin/projections/player-view/replay", ADMIN).statusCode()).isEqualTo(202);
        HttpResponse<String> board = api.get("/api/hunts/" + scenario.hunt.value() + "/leaderboard", NOBODY);
        assertThat(board.statusCode()).isEqualTo(200);
        String status = api.get("/api/admin/projections/player-view/status", ADMIN).body();
        if ("REPLAYING".equals(json.readTree(status).get("state").asText())) {
            assertThat(board.headers().firstValue("Veltrix-Rebuilding"))
                    .hasValueSatisfying(v -> assertThat(v).contains("player-view"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "CAUGHT_UP".equals(json.readTree(
                api.get("/api/admin/projections/player-view/status", ADMIN).body()).get("state").asText()));
    }

    @Test
    void onlyAdminsAndOrganizersReplay() throws Exception {
        ApiClient api = new ApiClient(port);
        String base = "/api/admin/projections/hunt-summary";
        assertThat(api.post(base + "/replay", NOBODY).statusCode()).isEqualTo(401);
        assertThat(api.post(base + "/replay", AUDITOR).statusCode()).isEqualTo(403);
        assertThat(api.get(base + "/status", NOBODY).statusCode()).isEqualTo(401);
        assertThat(api.get(base + "/status", AUDITOR).statusCode()).isEqualTo(403);
        assertThat(api.get(base + "/status", ORGANIZER).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/admin/projections/nonsense/status", ADMIN).statusCode()).isEqualTo(404);
    }
}
