package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import java.util.stream.Stream;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The projections' meters count what they handle and keep no per-event history: Axon's default
 * monitors hold every event's handling time for ten minutes, which filled the heap while the
 * projections caught up over a million stored events.
 */
class ProcessorMetersTest extends QueryTestBase {

    @Autowired
    MeterRegistry registry;
    @Autowired
    ApplicationContext context;

    private double handled(String processor) {
        return registry.find("veltrix.axon.messages").tag("name", processor).tag("outcome", "success")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void eachProjectionCountsTheEventsItHandled() {
        double before = handled("leaderboard");
        HuntScenario scenario = HuntScenario.generate(11L, 20, 5, 200);
        scenario.appendTo(events, 50);
        long boardEvents = Stream.concat(scenario.setup.stream(), scenario.play.stream())
                .map(EventLog.Timed::payload)
                .filter(p -> p instanceof HuntCreated || p instanceof PlayerRegistered || p instanceof ClueFound
                        || p instanceof HintTaken || p instanceof ScoreAdjusted || p instanceof PlayerDisqualified
                        || p instanceof PlayerReinstated || p instanceof ScoreboardFrozen)
                .count();

        await().atMost(PROJECTION_WAIT).untilAsserted(() ->
                assertThat(handled("leaderboard") - before).isGreaterThanOrEqualTo(boardEvents));
        for (String processor : new String[] {"hunt-summary", "audit-index", "organizers"}) {
            assertThat(registry.find("veltrix.axon.messages").tag("name", processor).counters()).isNotEmpty();
        }
        assertThat(registry.get("veltrix.axon.event.age").tag("name", "leaderboard").gauge().value())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void axonsOwnMonitorsWhichKeepEveryEventsTimeAreNotInstalled() {
        // Axon's MetricsConfigurerModule hands every processor and bus its monitors, CapacityMonitor
        // (one skip-list entry per message, kept ten minutes) among them.
        assertThat(context.getBeanProvider(MetricsConfigurerModule.class).getIfAvailable()).isNull();
    }
}
