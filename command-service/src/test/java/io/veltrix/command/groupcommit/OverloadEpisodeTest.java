package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OverloadEpisodeTest {

    private static final long MS = 1_000_000L;

    @Test
    void anOverloadIsRiddenOutForTheGraceAndRefusedOnceItHasStoodThatLong() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        assertThat(episode.refuse(false, 0)).isFalse();
        assertThat(episode.refuse(true, 10 * MS)).isFalse(); // first seen
        assertThat(episode.refuse(true, 200 * MS)).isFalse();
        assertThat(episode.refuse(true, 259 * MS)).isFalse(); // 249 ms after it was first seen
        assertThat(episode.refuse(true, 260 * MS)).isTrue();
    }

    @Test
    void aBacklogThatDrainsWithinTheGraceIsNeverRefusedAndTheNextOneHasAGraceOfItsOwn() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        assertThat(episode.refuse(true, 0)).isFalse();
        assertThat(episode.refuse(true, 200 * MS)).isFalse();
        assertThat(episode.refuse(false, 210 * MS)).isFalse(); // drained
        assertThat(episode.refuse(true, 300 * MS)).isFalse(); // a new stall: counted from here
        assertThat(episode.refuse(true, 549 * MS)).isFalse();
        assertThat(episode.refuse(true, 550 * MS)).isTrue();
    }

    @Test
    void onceRefusingAnOverloadThatDipsUnderTheLimitIsRefusedAgainAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ofMillis(250));
        episode.refuse(true, 0);
        assertThat(episode.refuse(true, 300 * MS)).isTrue();
        assertThat(episode.refuse(false, 310 * MS)).isFalse(); // the refusals drained it to the limit
        assertThat(episode.refuse(true, 320 * MS)).isTrue(); // still the same overload
        assertThat(episode.refuse(false, 400 * MS)).isFalse();
        assertThat(episode.refuse(true, 569 * MS)).isTrue(); // within the grace of the last refusal (320)
        assertThat(episode.refuse(false, 600 * MS)).isFalse();
        // the last refusal was 569: past its grace the overload is over, and a new backlog is ridden out
        assertThat(episode.refuse(true, 820 * MS)).isFalse();
    }

    @Test
    void withoutAGraceEveryOverloadIsRefusedAtOnce() {
        OverloadEpisode episode = new OverloadEpisode(Duration.ZERO);
        assertThat(episode.refuse(true, 5 * MS)).isTrue();
        assertThat(episode.refuse(false, 6 * MS)).isFalse();
        assertThat(episode.refuse(true, 7 * MS)).isTrue();
        assertThatThrownBy(() -> new OverloadEpisode(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
