package io.veltrix.query.replay;

import static io.veltrix.query.ApiClient.ADMIN;
import static io.veltrix.query.ApiClient.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryServiceApplication;
import io.veltrix.query.QueryTestBase;
import io.veltrix.testsupport.TestStaff;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two query-service instances on one database: a replay asked of one pauses the projection on the
 * other (its segments released, so the tokens can be reset), which meanwhile tells its clients
 * that the board is being rebuilt, and resumes once the replay is done.
 */
class ReplayAcrossInstancesTest extends QueryTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    Environment environment;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokens;

    @Test
    void aReplayOnOneInstancePausesTheProjectionOnTheOtherWhichSaysItIsRebuildingUntilItIsDone() throws Exception {
        HuntScenario scenario = HuntScenario.generate(43L, 200, 10, 20_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        String board = "/api/hunts/" + scenario.hunt.value() + "/leaderboard";

        try (ConfigurableApplicationContext other = secondInstance()) {
            ApiClient here = new ApiClient(port);
            ApiClient there = new ApiClient(((WebServerApplicationContext) other).getWebServer().getPort());
            StreamingEventProcessor otherLeaderboard = leaderboard(other);
            await().atMost(Duration.ofSeconds(30)).until(otherLeaderboard::isRunning);

            HttpResponse<String> started = here.post("/api/admin/projections/leaderboard/replay", ADMIN);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !otherLeaderboard.isRunning());
            assertThat(there.get(board, NOBODY).headers().firstValue("Veltrix-Rebuilding")).hasValue("leaderboard,player-view");
            JsonNode thereStatus = json.readTree(there.get("/api/admin/projections/leaderboard/status", ADMIN).body());
            assertThat(thereStatus.get("state").asText()).isEqualTo("REPLAYING");
            assertThat(thereStatus.get("requestedBy").asText()).as("who asked, told by the instance not replaying")
                    .isEqualTo("admin");
            assertThat(there.post("/api/admin/projections/leaderboard/replay", ADMIN).statusCode())
                    .as("a second replay asked of the other instance").isEqualTo(409);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "CAUGHT_UP".equals(json.readTree(here.get("/api/admin/projections/leaderboard/status", ADMIN).body())
                            .get("state").asText()));
            await().atMost(Duration.ofSeconds(10)).until(otherLeaderboard::isRunning);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    there.get(board, NOBODY).headers().firstValue("Veltrix-Rebuilding").isEmpty());
            awaitBoardsMatchReplay(scenario.hunt);
        }
    }

    @Test
    void anInstanceHoldingNoSegmentSaysSoAndCanStillReplayTheProjection() throws Exception {
        HuntScenario scenario = HuntScenario.generate(44L, 100, 10, 5_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        ApiClient here = new ApiClient(port);
        String status = "/api/admin/projections/leaderboard/status";
        try (ConfigurableApplicationContext other = secondInstance()) {
            // as after a crash of this instance: the other has claimed every segment and keeps them
            // (this instance's processor is left stopped: in one JVM both share Axon's node id, so a
            // started one would count the other's claims as its own)
            processing.eventProcessor("leaderboard", StreamingEventProcessor.class).orElseThrow().shutDown();
            StreamingEventProcessor otherLeaderboard = leaderboard(other);
            int segments = tokens.fetchSegments("leaderboard").length;
            await().atMost(Duration.ofSeconds(60)).until(() -> otherLeaderboard.processingStatus().size() == segments);
            assertThat(json.readTree(here.get(status, ADMIN).body()).get("state").asText()).isEqualTo("ELSEWHERE");

            HttpResponse<String> started = here.post("/api/admin/projections/leaderboard/replay", ADMIN);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "CAUGHT_UP".equals(json.readTree(here.get(status, ADMIN).body()).get("state").asText()));
            awaitBoardsMatchReplay(scenario.hunt);
        }
    }

    private static StreamingEventProcessor leaderboard(ConfigurableApplicationContext app) {
        return app.getBean(EventProcessingConfiguration.class)
                .eventProcessor("leaderboard", StreamingEventProcessor.class).orElseThrow();
    }

    /** A second query service on this test's database (command-line arguments: the builder's own properties would lose to application.yml). */
    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--veltrix.organizer.user=organizer", "--veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
                "--veltrix.auditor.user=auditor", "--veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
                "--veltrix.admin.user=admin", "--veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
                "--axon.eventhandling.processors.leaderboard.initial-segment-count=8");
    }
}
