package io.veltrix.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed-rate schedule: request {@code i} is intended to start at {@code start + i / rate}, no
 * matter how late earlier requests finished. Latency is measured from that intended time, so a
 * stalled server is charged for the requests it kept the generator from sending (coordinated
 * omission corrected, as wrk2 does), instead of being measured only on the requests that got through.
 */
final class OpenLoopSchedule {

    private final long startNanos;
    private final double intervalNanos;
    private final long count;

    OpenLoopSchedule(long startNanos, double ratePerSecond, long durationNanos) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.startNanos = startNanos;
        this.intervalNanos = 1e9 / ratePerSecond;
        this.count = (long) Math.floor(durationNanos / intervalNanos);
    }

    /** How many requests the whole schedule holds. */
    long count() {
        return count;
    }

    /** When request {@code i} (0-based) should start. */
    long intendedStart(long i) {
        return startNanos + Math.round(i * intervalNanos);
    }

    /**
     * Waits until {@code intendedNanos} ({@link System#nanoTime()}) if it is still ahead; returns how
     * late the caller already was (0 when it waited).
     */
    static long awaitStart(long intendedNanos) {
        long now = System.nanoTime();
        if (intendedNanos > now) {
            LockSupport.parkNanos(intendedNanos - now);
            return 0;
        }
        return now - intendedNanos;
    }

    /**
     * Takes {@code permits} of {@code inFlight}, waiting at most until {@code deadlineNanos}
     * ({@link System#nanoTime()}): false when the deadline came first. A phase whose service stopped
     * answering ends at its deadline instead of waiting out one request timeout after another.
     */
    static boolean acquireBefore(Semaphore inFlight, int permits, long deadlineNanos) {
        try {
            return inFlight.tryAcquire(permits, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The latency charged to a request: from its intended start, never from when it was actually sent. */
    static long correctedLatency(long intendedStartNanos, long completedNanos) {
        return Math.max(0, completedNanos - intendedStartNanos);
    }
}
