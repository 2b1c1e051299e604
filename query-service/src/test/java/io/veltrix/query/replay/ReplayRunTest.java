package io.veltrix.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A replay's speed and time left, as its status reports them. */
class ReplayRunTest {

    private static final long START = 1_000_000_000L;

    private static ReplayRun runStartedAt(long startNanos, long target) {
        return new ReplayRun(Instant.parse("2026-12-01T10:00:00Z"), startNanos, target, null, 0, 0, new AtomicLong(), "adm");
    }

    @Test
    void aRunningReplaysSpeedIsWhatItProcessedSoFarOverTheTimeSinceItsStart() {
        ReplayRun run = runStartedAt(START, 1500);
        long tenSecondsLater = START + TimeUnit.SECONDS.toNanos(10);
        Double rate = run.eventsPerSecond(500, tenSecondsLater);
        assertThat(rate).isEqualTo(50.0);
        assertThat(ReplayRun.timeLeft(rate, 500, 1500)).isEqualTo(Duration.ofSeconds(20));
        assertThat(ReplayRun.timeLeft(rate, 2000, 1500)).isEqualTo(Duration.ZERO); // past the head it started from
    }

    @Test
    void aFinishedReplayKeepsTheSpeedItHadAtItsEnd() {
        ReplayRun running = runStartedAt(System.nanoTime() - TimeUnit.SECONDS.toNanos(4), 800);
        ReplayRun done = running.finished(800);
        assertThat(done.running()).isFalse();
        double seconds = done.seconds(Long.MAX_VALUE); // the clock stopped at the end
        assertThat(seconds).isGreaterThanOrEqualTo(4.0);
        assertThat(done.eventsPerSecond(5_000, Long.MAX_VALUE)).isEqualTo(800 / seconds);
    }

    @Test
    void withoutAnEventProcessedThereIsNoSpeedAndNoEstimate() {
        ReplayRun run = runStartedAt(START, 100);
        Double rate = run.eventsPerSecond(0, START + TimeUnit.SECONDS.toNanos(3));
        assertThat(rate).isNull();
        assertThat(ReplayRun.timeLeft(rate, 0, 100)).isNull();
        assertThat(run.eventsPerSecond(10, START)).isNull(); // no time has passed
    }
}
