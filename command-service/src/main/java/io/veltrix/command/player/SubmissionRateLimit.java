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

    private final double ratePerSecond;
    private final double burst;
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterAccess(Duration.ofMinutes(5)).build();

    public SubmissionRateLimit(@Value("${veltrix.finds.rate-per-second:10}") double ratePerSecond,
                               @Value("${veltrix.finds.burst:20}") double burst) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** Takes one submission from the player's bucket, or refuses with 429. */
    public void acquire(String playerId) {
        long now = System.nanoTime();
        long waitNanos = buckets.get(playerId, id -> new TokenBucket(burst, ratePerSecond, now)).take(now);
        if (waitNanos > 0) {
            throw RuleViolation.tooManyRequests("rate-limited",
                    "too many submissions; slow down to the hunt's rate limit", TokenBucket.retryAfterSeconds(waitNanos));
        }
    }
}
