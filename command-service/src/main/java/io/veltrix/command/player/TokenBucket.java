package io.veltrix.command.player;

/**
 * Up to {@code capacity} tokens at once, refilled at a steady rate; what the in-memory limits count
 * with. Kept rather than Bucket4j or Resilience4j: every find takes a token on the hot path, and
 * this is the whole of what the limits need (one bandwidth, take or say how long to wait, no
 * distributed state: limits that must hold across instances are counted from events, not here),
 * without a probe object allocated per call.
 */
final class TokenBucket {

    private final double capacity;
    private final double ratePerNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(double capacity, double ratePerSecond, long now) {
        this.capacity = capacity;
        this.ratePerNano = ratePerSecond / 1e9;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token: 0 when one was taken, else the nanoseconds until one is available. */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return nanosUntilOne();
    }

    /** The nanoseconds until a token is available (0: one is), taking none. */
    synchronized long peek(long now) {
        refill(now);
        return tokens >= 1 ? 0 : nanosUntilOne();
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
        refilledAt = now;
    }

    private long nanosUntilOne() {
        return (long) ((1 - tokens) / ratePerNano);
    }

    /** Whole seconds, at least 1, to wait for {@code nanos}: a Retry-After. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }
}
