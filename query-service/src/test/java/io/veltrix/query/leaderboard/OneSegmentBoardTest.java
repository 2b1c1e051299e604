package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The scenario of {@link LeaderboardProjectionTest} (8 segments) on a single segment: both must
 * equal the replay of the same events, so the board does not depend on the segment count.
 */
@TestPropertySource(properties = "axon.eventhandling.processors.leaderboard.initial-segment-count=1")
class OneSegmentBoardTest extends QueryTestBase {

    @Test
    void theSameHuntProjectsToTheSameBoardWithOneSegment() {
        HuntScenario scenario = HuntScenario.generate(LeaderboardProjectionTest.SCENARIO_SEED, 24, 6, 400);
        scenario.appendTo(events, 7);
        awaitBoardsMatchReplay(scenario.hunt);
        assertThat(leaderboardSegments()).isEqualTo(1);
    }
}
