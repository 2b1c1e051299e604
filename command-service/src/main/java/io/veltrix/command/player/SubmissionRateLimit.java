package io.veltrix.command.player;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.rule.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The per-player submission limit (default 10 submissions/s, bursts of 20), in two forms. A token
 * bucket per player in this instance's memory keeps floods away from the event store at no cost;
 * with several instances behind a balancer a player alternating between them would get each
 * instance's rate, so the {@link Player} also checks its own recorded submissions
 * ({@link #checkHistory}: at most a burst within the time the rate takes to earn one), which every
 * instance sees alike.
 */
@Component
public class SubmissionRateLimit {

    private final double ratePerNano;
    private final double burst;
    private final Duration historyWindow;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterAccess(Duration.ofMinutes(5)).build();

    public SubmissionRateLimit(@Value("${veltrix.finds.rate-per-second:10}") double ratePerSecond,
                               @Value("${veltrix.finds.burst:20}") double burst) {
        if (burst < 1 || burst > RecentSubmissions.KEPT || ratePerSecond <= 0) {
            throw new IllegalArgumentException("veltrix.finds.burst must be 1.." + RecentSubmissions.KEPT
                    + " and veltrix.finds.rate-per-second positive, got " + burst + " and " + ratePerSecond);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.historyWindow = Duration.ofNanos((long) Math.ceil(Math.floor(burst) / ratePerNano));
    }

    /**
     * Refuses with 429 a submission at {@code now} when the player's last burst of submissions all
     * fall within the window it takes the rate to earn a burst: exact whichever instance took them.
     */
    void checkHistory(RecentSubmissions recent, Instant now) {
        Instant burstStart = recent.latest((int) Math.floor(burst));
        if (burstStart == null) {
            return;
        }
        Instant allowedFrom = burstStart.plus(historyWindow);
        if (allowedFrom.isAfter(now)) {
            throw tooMany(Duration.between(now, allowedFrom).toNanos());
        }
    }

    private static RuleViolation tooMany(long waitNanos) {
        long retryAfter = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        return RuleViolation.tooManyRequests("rate-limited",
                "too many submissions; slow down to the hunt's rate limit", retryAfter);
    }

    /** Takes one submission from the player's bucket, or refuses with 429. */
    public void acquire(String playerId) {
        Bucket bucket = buckets.get(playerId, id -> new Bucket(burst, System.nanoTime()));
        long waitNanos = bucket.take(System.nanoTime(), ratePerNano, burst);
        if (waitNanos > 0) {
            throw tooMany(waitNanos);
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
