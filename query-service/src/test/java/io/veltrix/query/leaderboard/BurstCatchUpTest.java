package io.veltrix.query.leaderboard;

import static org.awaitility.Awaitility.await;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.query.EventLog;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A launch-day burst: 1,000 players, then 10,000 finds racing for 10 clues, appended in large
 * transactions. The board must equal the replay afterwards. The catch-up rate is logged, for
 * information only (the benchmark measures speed).
 */
class BurstCatchUpTest extends QueryTestBase {

    private static final Logger log = LoggerFactory.getLogger(BurstCatchUpTest.class);


    @Test
    void aBurstOfFindsEndsOnTheBoardReplayGives() {
        HuntScenario scenario = HuntScenario.generate(5L, 1, 10, 0);
        scenario.appendTo(events, 100);
        List<PlayerId> players = new ArrayList<>();
        List<EventLog.Timed> registrations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            PlayerId player = PlayerId.random();
            players.add(player);
            registrations.add(new EventLog.Timed(Instant.now(),
                    new PlayerRegistered(player, scenario.hunt, "burst" + i, "token-hash-" + player)));
        }
        events.append(registrations);
        List<EventLog.Timed> finds = new ArrayList<>();
        for (int clue = 0; clue < 10; clue++) {
            for (PlayerId player : players) {
                finds.add(new EventLog.Timed(Instant.now(),
                        new ClueFound(player, scenario.hunt, scenario.clues.get(clue), 10)));
            }
        }
        long start = System.nanoTime();
        for (int i = 0; i < finds.size(); i += 500) {
            events.append(finds.subList(i, i + 500));
        }
        await().atMost(PROJECTION_WAIT).pollInterval(Duration.ofMillis(20)).until(() -> jdbc
                .sql("SELECT count(*) FROM lb_fact WHERE hunt_id = :hunt").param("hunt", scenario.hunt.value())
                .query(Long.class).single() == finds.size());
        double seconds = (System.nanoTime() - start) / 1e9;
        awaitBoardsMatchReplay(scenario.hunt);
        log.info("burst of {} finds appended and projected in {} s ({} events/s, appends included)",
                finds.size(), String.format("%.2f", seconds), Math.round(finds.size() / seconds));
    }
}
