package io.veltrix.query.replay;

import static io.veltrix.query.ApiClient.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.EventLog;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.Projections;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.RaceForAClue;
import io.veltrix.query.leaderboard.BoardView;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The bulk part of a replay: the stopped leaderboard's own handlers over the store in pages, each
 * page committed with every segment's token, then the processor goes on from those tokens.
 */
@TestPropertySource(properties = "veltrix.replay.bulk-page-size=1000")
class BulkReplayTest extends QueryTestBase {

    @Autowired
    BulkReplay bulk;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokens;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theBulkPartAloneRebuildsTheBoardAndMovesEveryTokenToTheHead() throws Exception {
        PooledStreamingEventProcessor board = leaderboard();
        try {
            HuntScenario scenario = projectedThenReset(41L, 200, 10, 6_000);
            assertThat(leaderboards.page(scenario.hunt.value(), BoardView.LIVE, 10, 0)).isEmpty();
            long head = head();
            List<Long> progress = new CopyOnWriteArrayList<>();
            Map<String, String> indexes = ReplayIndexesTest.definitions(jdbc, ReplayIndexesTest.READ_ONLY);
            List<Integer> indexesDuringPages = new CopyOnWriteArrayList<>();

            bulk.run(board, head, position -> {
                progress.add(position);
                indexesDuringPages.add(ReplayIndexesTest.definitions(jdbc, ReplayIndexesTest.READ_ONLY).size());
            }, () -> false);

            assertThat(board.isRunning()).isFalse();
            assertThat(indexesDuringPages).as("read-only indexes while the pages are projected").containsOnly(0);
            assertThat(ReplayIndexesTest.definitions(jdbc, ReplayIndexesTest.READ_ONLY)).as("built again at the end")
                    .hasSize(ReplayIndexesTest.READ_ONLY.size()).isEqualTo(indexes);
            // pages of 1,000 events: several commits, each further on, the last at the head
            assertThat(progress).hasSizeGreaterThan(5).isSorted().doesNotHaveDuplicates().last().isEqualTo(head);
            awaitBoardsMatchReplay(scenario.hunt);
            assertEveryTokenAt(head);
        } finally {
            board.start();
        }
    }

    @Test
    void aBulkPartStoppedEarlyLeavesTheTokensAtItsLastPageAndTheProcessorFinishes() throws Exception {
        PooledStreamingEventProcessor board = leaderboard();
        List<Long> progress = new CopyOnWriteArrayList<>();
        HuntScenario scenario;
        try {
            scenario = projectedThenReset(43L, 100, 8, 4_000);
            bulk.run(board, head(), progress::add, () -> !progress.isEmpty());

            assertThat(progress).hasSize(1);
            assertThat(progress.get(0)).isLessThan(head());
            assertEveryTokenAt(progress.get(0));
        } finally {
            board.start();
        }
        awaitBoardsMatchReplay(scenario.hunt);
    }

    @Test
    void anEventStillUncommittedWhenTheBulkPartPassesItsIndexIsProjectedOnceItCommits() throws Exception {
        RaceForAClue race = RaceForAClue.setUp(events, "bulk-gaps");
        HuntId hunt = race.hunt();
        PlayerId slow = race.slow();
        ApiClient api = new ApiClient(port);
        try (Connection open = commandRole.getConnection()) {
            open.setAutoCommit(false);
            long slowIndex = EventLog.insertUncommittedFind(open, slow, hunt, race.clue());
            events.append(new ClueFound(race.fast(), hunt, race.clue(), 10));
            assertThat(head()).isGreaterThan(slowIndex);

            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(api));
            var started = api.post("/api/admin/projections/leaderboard/replay", ADMIN);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(api));
            assertThat(factCount(hunt)).isEqualTo(1);
            open.commit();
        }
        await().atMost(PROJECTION_WAIT).until(() -> factCount(hunt) == 2);
        awaitBoardsMatchReplay(hunt);
        // the slow find has the lower index: the first find of the clue, with the bonus
        assertThat(leaderboards.page(hunt.value(), BoardView.LIVE, 10, 0).get(0).playerId()).isEqualTo(slow.value());
    }

    @Test
    void theServiceStaysReadyWhileTheBulkPartRunsWithTheProcessorStopped() throws Exception {
        HuntScenario scenario = HuntScenario.generate(47L, 300, 12, 20_000);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(new ApiClient(port)));
        ApiClient api = new ApiClient(port);
        PooledStreamingEventProcessor board = leaderboard();

        assertThat(api.post("/api/admin/projections/leaderboard/replay", ADMIN).statusCode()).isEqualTo(202);
        int seenStopped = 0;
        while (!caughtUp(api)) {
            boolean stopped = !board.isRunning();
            int readiness = api.get("/actuator/health/readiness").statusCode();
            if (stopped && !board.isRunning()) {
                seenStopped++;
                assertThat(readiness).as("readiness while the bulk part runs").isEqualTo(200);
            }
        }
        assertThat(seenStopped).as("checks made during the bulk part").isPositive();
        assertThat(board.isRunning()).isTrue();
        awaitBoardsMatchReplay(scenario.hunt);
    }

    /** A generated hunt, appended and projected; then the leaderboard stopped, its tokens reset, its board empty. */
    private HuntScenario projectedThenReset(long seed, int players, int clues, int steps) {
        HuntScenario scenario = HuntScenario.generate(seed, players, clues, steps);
        scenario.appendTo(events, 1_000);
        awaitBoardsMatchReplay(scenario.hunt);
        leaderboard().shutDown();
        leaderboard().resetTokens();
        return scenario;
    }

    private void assertEveryTokenAt(long position) {
        for (int segment : tokens.fetchSegments(Projections.LEADERBOARD)) {
            assertThat(position(segment)).as("segment %d", segment).isEqualTo(position);
        }
    }

    private boolean caughtUp(ApiClient api) throws Exception {
        return "CAUGHT_UP".equals(json.readTree(api.get("/api/admin/projections/leaderboard/status", ADMIN).body())
                .get("state").asText());
    }

    private PooledStreamingEventProcessor leaderboard() {
        return processing.eventProcessor(Projections.LEADERBOARD, PooledStreamingEventProcessor.class).orElseThrow();
    }

    private long head() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private long position(int segment) {
        TrackingToken token = tokens.fetchToken(Projections.LEADERBOARD, segment);
        tokens.releaseClaim(Projections.LEADERBOARD, segment);
        return token.position().orElseThrow();
    }
}
