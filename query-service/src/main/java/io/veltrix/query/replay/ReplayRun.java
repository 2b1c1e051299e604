package io.veltrix.query.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replay of a projection on this instance: it is done when every segment has caught up and
 * passed {@code target}, the store's head at its start. Its speed and the time left are measured
 * on the monotonic clock ({@code *Nanos}); the instants are for people, as is {@code requestedBy},
 * the staff account that asked for it.
 */
record ReplayRun(Instant startedAt, long startNanos, long target, Instant finishedAt, long finishedNanos,
                 long processedAtEnd, AtomicLong bulkPosition, String requestedBy) {

    static ReplayRun starting(long target, String requestedBy) {
        return new ReplayRun(Instant.now(), System.nanoTime(), target, null, 0, 0, new AtomicLong(), requestedBy);
    }

    boolean running() {
        return finishedAt == null;
    }

    ReplayRun finished(long processed) {
        return new ReplayRun(startedAt, startNanos, target, Instant.now(), System.nanoTime(), processed, bulkPosition,
                requestedBy);
    }

    /** Seconds from the start to the end, or to {@code nowNanos} while running. */
    double seconds(long nowNanos) {
        return ((running() ? nowNanos : finishedNanos) - startNanos) / 1e9;
    }

    /**
     * Events per second: the events processed by the end (while running, {@code processed}) over
     * {@link #seconds}; null before the first event.
     */
    Double eventsPerSecond(long processed, long nowNanos) {
        long done = running() ? processed : processedAtEnd;
        double seconds = seconds(nowNanos);
        return seconds > 0 && done > 0 ? done / seconds : null;
    }

    /** The time the events from {@code processed} to {@code total} take at {@code eventsPerSecond}; null without a rate. */
    static Duration timeLeft(Double eventsPerSecond, long processed, long total) {
        return eventsPerSecond == null ? null
                : Duration.ofMillis((long) (Math.max(0, total - processed) / eventsPerSecond * 1000));
    }
}
