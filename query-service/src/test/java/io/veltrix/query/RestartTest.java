package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import io.veltrix.testsupport.TestStaff;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stop the query service in the middle of a stream and start it again: every event is in the read
 * models exactly once (boards equal the replay; counters that simply add up are exact).
 */
class RestartTest {

    /** The query service on its own role, as the launcher runs it, with {@code settings} beside. */
    static ConfigurableApplicationContext start(ServiceDatabase database, String... settings) {
        // as command-line arguments: they win over application.yml, unlike default properties
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(Stream.concat(Stream.of(
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.queryUser(),
                "--spring.datasource.password=" + database.queryPassword(), "--server.port=0",
                "--veltrix.organizer.user=o", "--veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD, "--veltrix.auditor.user=a",
                "--veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD, "--veltrix.admin.user=x", "--veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD),
                Stream.of(settings)).toArray(String[]::new));
    }

    /** Many small batches on many segments: a stop leaves work in flight. */
    private static final String[] SMALL_BATCHES = {"--axon.eventhandling.processors.leaderboard.initial-segment-count=8",
            "--axon.eventhandling.processors.leaderboard.batch-size=5"};

    @Test
    void aRestartLosesNothingAndCountsNothingTwice() {
        ServiceDatabase database = EmbeddedDatabase.migrateEventStore(EmbeddedDatabase.freshDatabaseWithServiceRoles());
        HuntScenario scenario = HuntScenario.generate(42L, 30, 6, 600);
        List<EventLog.Timed> play = scenario.play;

        ConfigurableApplicationContext first = start(database, SMALL_BATCHES);
        // the command service's role appends throughout, whichever instance of the query service runs
        EventLog events = CommandRoleEvents.of(first).log();
        events.append(scenario.setup);
        for (int i = 0; i < 400; i += 10) {
            events.append(play.subList(i, i + 10));
        }
        first.close(); // while the processors are still at work on those

        ConfigurableApplicationContext second = start(database, SMALL_BATCHES);
        try {
            for (int i = 400; i < play.size(); i += 10) {
                events.append(play.subList(i, Math.min(play.size(), i + 10)));
            }
            List<IndexedEvent> stored = events.read(scenario.hunt);
            Scoreboard replay = new Scoreboard(scenario.hunt);
            replay.applyAll(stored);
            Leaderboards boards = second.getBean(Leaderboards.class);
            await().atMost(QueryTestBase.PROJECTION_WAIT).untilAsserted(() -> {
                assertThat(boards.page(scenario.hunt.value(), BoardView.LIVE, 500, 0))
                        .isEqualTo(QueryTestBase.asLines(replay.live()));
                assertThat(boards.page(scenario.hunt.value(), BoardView.PUBLIC, 500, 0))
                        .isEqualTo(QueryTestBase.asLines(replay.publicBoard()));
            });

            Map<String, Long> wrong = stored.stream().filter(e -> e.payload() instanceof ClueFindRejected)
                    .collect(Collectors.groupingBy(e -> ((ClueFindRejected) e.payload()).playerId().value(),
                            Collectors.counting()));
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            await().atMost(QueryTestBase.PROJECTION_WAIT).untilAsserted(() ->
                    assertThat(wrongAttempts(jdbc, scenario)).isEqualTo(wrong));
            assertThat(jdbc.sql("SELECT player_count FROM hunt_summary WHERE hunt_id = :hunt")
                    .param("hunt", scenario.hunt.value()).query(Integer.class).single()).isEqualTo(30);
        } finally {
            second.close();
        }
    }

    /** The player view's wrong answers per player of the scenario's hunt who gave any. */
    static Map<String, Long> wrongAttempts(JdbcClient jdbc, HuntScenario scenario) {
        return jdbc.sql("SELECT player_id, wrong_attempts FROM player_activity WHERE hunt_id = :hunt AND wrong_attempts > 0")
                .param("hunt", scenario.hunt.value())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
