package io.veltrix.command.player;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;

/**
 * Bucket4j's in-memory token buckets as the limits count with them: up to a burst of tokens at
 * once, refilled continuously at a steady rate, on the monotonic clock. A bucket is taken from by
 * one player or one address at a time, so it locks rather than copying its state on every take;
 * a take that succeeds asks the bucket for nothing more, only a refusal estimates its wait. Against
 * the hand-written bucket it replaced, Bucket4j adds 42 classes and a fraction of a microsecond per
 * find, neither measurable in the benchmark's CPU per find or RSS (docs/performance.md, "Round 8").
 */
final class LocalBuckets {

    private LocalBuckets() {
    }

    /** A full bucket of {@code burst} tokens (whole ones: a fraction is dropped) refilled at the rate. */
    static Bucket create(double burst, double ratePerSecond) {
        long capacity = (long) Math.floor(burst);
        // the rate as "capacity tokens per the time the rate takes to earn them": exact for any rate
        Duration refillPeriod = Duration.ofNanos(Math.max(1, Math.round(capacity * 1e9 / ratePerSecond)));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, refillPeriod))
                .withNanosecondPrecision()
                .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
                .build();
    }

    /** Takes a token: 0 when one was taken, else the nanoseconds until one is available. */
    static long take(Bucket bucket) {
        return bucket.tryConsume(1) ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    /** The nanoseconds until a token is available (0: one is), taking none. */
    static long peek(Bucket bucket) {
        return bucket.getAvailableTokens() >= 1 ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    /** Whole seconds, at least 1, to wait for {@code nanos}: a Retry-After. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }
}
