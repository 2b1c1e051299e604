package io.veltrix.command.player;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.rule.RuleViolation;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per player (default 10 submissions/s, bursts of 20) that keeps floods of finds
 * away from the event store. Buckets live in memory per instance: with N instances behind a
 * balancer a player gets at most N times the rate, which still bounds the flood.
 */
@Component
public class SubmissionRateLimit {

    private final double ratePerNano;
    private final double burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterAccess(Duration.ofMinutes(5)).build();

    public SubmissionRateLimit(@Value("${veltrix.finds.rate-per-second:10}") double ratePerSecond,
                               @Value("${veltrix.finds.burst:20}") double burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one submission from the player's bucket, or refuses with 429. */
    public void acquire(String playerId) {
        Bucket bucket = buckets.get(playerId, id -> new Bucket(burst, System.nanoTime()));
        long waitNanos = bucket.take(System.nanoTime(), ratePerNano, burst);
        if (waitNanos > 0) {
            long retryAfter = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
            throw RuleViolation.tooManyRequests("rate-limited",
                    "too many submissions; slow down to the hunt's rate limit", retryAfter);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        /** Returns 0 when a token was taken, else the nanoseconds until one is available. */
        synchronized long take(long now, double ratePerNano, double burst) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) ((1 - tokens) / ratePerNano);
        }
    }
}
