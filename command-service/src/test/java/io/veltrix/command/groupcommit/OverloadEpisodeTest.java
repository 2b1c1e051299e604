package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadEpisodeTest {

    private static final long MS = 1_000_000L;
    private static final long NONE = OverloadEpisode.NONE;
    private static final boolean STALLED = true;
    private static final boolean NOT_STALLED = false;

    @Test
    void anOverloadNoStallExplainsIsRefusedAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(500));
        assertThat(episode.refuse(false, NOT_STALLED, NONE, 0)).isFalse();
        assertThat(episode.refuse(true, NOT_STALLED, NONE, 10 * MS)).isTrue();
        // a stall that ended before this overload was first seen does not explain it
        OverloadEpisode later = new OverloadEpisode(Duration.ofMillis(500));
        assertThat(later.refuse(true, NOT_STALLED, 5 * MS, 10 * MS)).isTrue();
    }

    @Test
    void theBacklogOfAStalledBatchIsServedWhileItRunsAndWhileItDrainsAfter() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(500));
        assertThat(episode.refuse(true, STALLED, NONE, 100 * MS)).isFalse(); // the batch has run 40 ms
        assertThat(episode.refuse(true, STALLED, NONE, 200 * MS)).isFalse();
        // the batch ended at 250; its backlog drains
        assertThat(episode.refuse(true, NOT_STALLED, 250 * MS, 300 * MS)).isFalse();
        assertThat(episode.refuse(true, NOT_STALLED, 250 * MS, 749 * MS)).isFalse();
        // still over the limit the grace after the stall: not a backlog that drains, refused
        assertThat(episode.refuse(true, NOT_STALLED, 250 * MS, 750 * MS)).isTrue();
    }

    @Test
    void onceTheStallsBacklogHasDrainedTheNextOverloadIsRefused() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(500));
        assertThat(episode.refuse(true, STALLED, NONE, 100 * MS)).isFalse();
        assertThat(episode.refuse(true, NOT_STALLED, 150 * MS, 200 * MS)).isFalse();
        assertThat(episode.refuse(false, NOT_STALLED, 150 * MS, 300 * MS)).isFalse(); // drained
        // over the limit again within the grace after the stall, but first seen after it ended
        assertThat(episode.refuse(true, NOT_STALLED, 150 * MS, 320 * MS)).isTrue();
    }

    @Test
    void aStallWithinRefusalsUnderWayGetsNoGrace() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(500));
        assertThat(episode.refuse(true, NOT_STALLED, NONE, 0)).isTrue();
        assertThat(episode.refuse(false, NOT_STALLED, NONE, 10 * MS)).isFalse(); // the refusals drained it
        assertThat(episode.refuse(true, STALLED, NONE, 100 * MS)).isTrue(); // within the grace of the refusal at 0
        assertThat(episode.refuse(true, STALLED, NONE, 599 * MS)).isTrue(); // of the one at 100
        assertThat(episode.refuse(false, NOT_STALLED, NONE, 610 * MS)).isFalse();
        // past the grace of the last refusal (599) a stall's backlog is served again
        assertThat(episode.refuse(true, STALLED, NONE, 1_100 * MS)).isFalse();
    }

    @Test
    void withoutAGraceEveryOverloadIsRefusedAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ZERO);
        assertThat(episode.refuse(true, STALLED, NONE, 5 * MS)).isTrue();
        assertThat(episode.refuse(false, NOT_STALLED, NONE, 6 * MS)).isFalse();
        assertThat(episode.refuse(true, NOT_STALLED, 6 * MS, 7 * MS)).isTrue();
        assertThatThrownBy(() -> new OverloadEpisode(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
