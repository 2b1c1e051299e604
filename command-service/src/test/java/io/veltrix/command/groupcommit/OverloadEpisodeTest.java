package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadEpisodeTest {

    private static final long MS = 1_000_000L;
    private static final boolean STALLED = true;
    private static final boolean NOT_STALLED = false;

    @Test
    void anOverloadAStalledCommitExplainsIsRiddenOutForTheGraceAndRefusedOnceItHasStoodThatLong() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        assertThat(episode.refuse(false, STALLED, 0)).isFalse();
        assertThat(episode.refuse(true, STALLED, 10 * MS)).isFalse(); // first seen
        assertThat(episode.refuse(true, STALLED, 200 * MS)).isFalse();
        assertThat(episode.refuse(true, STALLED, 259 * MS)).isFalse(); // 249 ms after it was first seen
        assertThat(episode.refuse(true, STALLED, 260 * MS)).isTrue();
    }

    @Test
    void aBacklogThatDrainsWithinTheGraceIsNeverRefusedAndTheNextOneHasAGraceOfItsOwn() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        assertThat(episode.refuse(true, STALLED, 0)).isFalse();
        assertThat(episode.refuse(true, STALLED, 200 * MS)).isFalse();
        assertThat(episode.refuse(false, STALLED, 210 * MS)).isFalse(); // drained
        assertThat(episode.refuse(true, STALLED, 300 * MS)).isFalse(); // a new stall: counted from here
        assertThat(episode.refuse(true, STALLED, 549 * MS)).isFalse();
        assertThat(episode.refuse(true, STALLED, 550 * MS)).isTrue();
    }

    @Test
    void onceRefusingAnOverloadThatDipsUnderTheLimitIsRefusedAgainAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        episode.refuse(true, STALLED, 0);
        assertThat(episode.refuse(true, STALLED, 300 * MS)).isTrue();
        assertThat(episode.refuse(false, STALLED, 310 * MS)).isFalse(); // the refusals drained it to the limit
        assertThat(episode.refuse(true, STALLED, 320 * MS)).isTrue(); // still the same overload
        assertThat(episode.refuse(false, STALLED, 400 * MS)).isFalse();
        assertThat(episode.refuse(true, STALLED, 569 * MS)).isTrue(); // within the grace of the last refusal (320)
        assertThat(episode.refuse(false, STALLED, 600 * MS)).isFalse();
        // the last refusal was 569: past its grace the overload is over, and a new backlog is ridden out
        assertThat(episode.refuse(true, STALLED, 820 * MS)).isFalse();
    }

    @Test
    void anOverloadNoStalledCommitExplainsIsRefusedAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        assertThat(episode.refuse(true, NOT_STALLED, 0)).isTrue();
        assertThat(episode.refuse(false, NOT_STALLED, 10 * MS)).isFalse();
        // a stall a moment later is ridden out for no longer than the grace since the last refusal
        assertThat(episode.refuse(true, STALLED, 300 * MS)).isFalse();
        assertThat(episode.refuse(true, STALLED, 549 * MS)).isFalse();
        // the stall is over but its backlog is not: no longer explained, refused
        assertThat(episode.refuse(true, NOT_STALLED, 560 * MS)).isTrue();
    }

    @Test
    void withoutAGraceEveryOverloadIsRefusedAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ZERO);
        assertThat(episode.refuse(true, STALLED, 5 * MS)).isTrue();
        assertThat(episode.refuse(false, STALLED, 6 * MS)).isFalse();
        assertThat(episode.refuse(true, STALLED, 7 * MS)).isTrue();
        assertThatThrownBy(() -> new OverloadEpisode(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
