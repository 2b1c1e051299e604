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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database written by the version whose player view had a processor and a token of its own:
 * started on this version, the merged group rebuilds both read models from the first event, so
 * neither the board nor the player view's counters depend on where the two old tokens were.
 */
class PlayerViewUpgradeTest {

    @Test
    void theUpgradeRebuildsTheBoardAndThePlayerViewFromTheFirstEvent() {
        ServiceDatabase database = EmbeddedDatabase.migrateEventStore(EmbeddedDatabase.freshDatabaseWithServiceRoles());
        HuntScenario scenario = HuntScenario.generate(43L, 20, 5, 300);
        Map<String, Long> wrong;
        EventLog events;
        ConfigurableApplicationContext first = RestartTest.start(database);
        try {
            events = CommandRoleEvents.of(first).log();
            scenario.appendTo(events, 50);
            List<IndexedEvent> stored = events.read(scenario.hunt);
            wrong = stored.stream().filter(e -> e.payload() instanceof ClueFindRejected)
                    .collect(Collectors.groupingBy(e -> ((ClueFindRejected) e.payload()).playerId().value(),
                            Collectors.counting()));
            assertThat(wrong).isNotEmpty();
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(QueryTestBase.PROJECTION_WAIT).untilAsserted(() ->
                    assertThat(RestartTest.wrongAttempts(jdbc, scenario)).isEqualTo(wrong));

            // the older version's state: a player-view token of its own, counters that token's position
            // made differ from the board's (here: every wrong answer counted once more), board rows
            // that only a rebuild corrects, and no record of the migration that merges the two
            jdbc.sql("""
                    INSERT INTO public.token_entry (processor_name, segment, token, token_type, time_stamp, owner)
                    SELECT 'player-view', segment, token, token_type, time_stamp, NULL FROM public.token_entry
                    WHERE processor_name = 'leaderboard'""").update();
            jdbc.sql("UPDATE player_activity SET wrong_attempts = wrong_attempts * 2").update();
            jdbc.sql("UPDATE lb_player SET live_score = live_score + 1000").update();
            // nor of the migrations after it, whose work is undone so that they run again (23's
            // storage settings may simply be set again)
            jdbc.sql("DROP TABLE replay_dropped_index").update();
            jdbc.sql("DELETE FROM query_schema_history WHERE version IN ('21', '22', '23')").update();
        } finally {
            first.close();
        }

        ConfigurableApplicationContext second = RestartTest.start(database);
        try {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            Scoreboard replay = new Scoreboard(scenario.hunt);
            replay.applyAll(events.read(scenario.hunt));
            Leaderboards boards = second.getBean(Leaderboards.class);
            await().atMost(QueryTestBase.PROJECTION_WAIT).untilAsserted(() -> {
                assertThat(boards.page(scenario.hunt.value(), BoardView.LIVE, 500, 0))
                        .isEqualTo(QueryTestBase.asLines(replay.live()));
                assertThat(RestartTest.wrongAttempts(jdbc, scenario)).isEqualTo(wrong);
            });
            assertThat(jdbc.sql("SELECT count(*) FROM public.token_entry WHERE processor_name = 'player-view'")
                    .query(Long.class).single()).isZero();
        } finally {
            second.close();
        }
    }
}
