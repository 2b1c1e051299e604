package io.veltrix.command.player;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.veltrix.api.rule.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The per-player submission limit (default 10 submissions/s, bursts of 20), in two forms. A token
 * bucket per player in this instance's memory ({@link LocalBuckets}) keeps floods away from the event store at no cost;
 * with several instances behind a balancer a player alternating between them would get each
 * instance's rate, so the {@link Player} also checks its own recorded submissions
 * ({@link #checkHistory}: at most a burst within the time the rate takes to earn one), which every
 * instance sees alike.
 */
@Component
public class SubmissionRateLimit {

    private final double ratePerSecond;
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
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.historyWindow = Duration.ofNanos((long) Math.ceil(Math.floor(burst) / ratePerSecond * 1e9));
    }

    /** Takes one submission from the player's bucket, or refuses with 429. */
    public void acquire(String playerId) {
        long waitNanos = LocalBuckets.take(buckets.get(playerId, id -> LocalBuckets.create(burst, ratePerSecond)));
        if (waitNanos > 0) {
            throw tooMany(waitNanos);
        }
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
        return RuleViolation.tooManyRequests("rate-limited",
                "too many submissions; slow down to the hunt's rate limit", LocalBuckets.retryAfterSeconds(waitNanos));
    }
}
