package io.veltrix.command.player;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.veltrix.api.rule.RuleViolation;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits per client address, where the per-player limits cannot reach: throwaway players share
 * nothing but where they come from. Registrations for one hunt, and wrong answers for one clue
 * across all players, from one address each take a token from a bucket (a burst, refilled at a
 * steady rate, {@link LocalBuckets}); an empty bucket is a 429 with Retry-After. A venue's whole crowd may share one
 * NAT address, so the defaults are sized for a crowd, not for one person. Counters live in memory
 * per instance: N instances behind a balancer allow up to N times as much.
 */
@Component
public class AddressLimits {

    /**
     * Buckets kept per limit (a few hundred bytes each, in a 160 MB heap); beyond it the least used
     * are forgotten and start full again, which only someone spreading over that many addresses gains.
     */
    private static final int MAX_TRACKED = 100_000;

    private final Buckets registrations;
    private final Buckets wrongAnswers;

    public AddressLimits(
            @Value("${veltrix.client-address.registrations-per-minute:60}") double registrationsPerMinute,
            @Value("${veltrix.client-address.registration-burst:1000}") double registrationBurst,
            @Value("${veltrix.client-address.wrong-answers-per-minute:120}") double wrongAnswersPerMinute,
            @Value("${veltrix.client-address.wrong-answer-burst:300}") double wrongAnswerBurst) {
        this.registrations = new Buckets(registrationBurst, registrationsPerMinute);
        this.wrongAnswers = new Buckets(wrongAnswerBurst, wrongAnswersPerMinute);
    }

    /** Counts a registration for the hunt from the address, or refuses it with 429. */
    public void takeRegistration(String huntId, String address) {
        long waitNanos = LocalBuckets.take(registrations.of(huntId + ' ' + address));
        if (waitNanos > 0) {
            throw RuleViolation.tooManyRequests("registrations-from-address",
                    "too many registrations for this hunt from your network address; retry later",
                    LocalBuckets.retryAfterSeconds(waitNanos));
        }
    }

    /**
     * Refuses an answer for the clue with 429 while its address has used up its wrong answers, right
     * or wrong: a refusal only for wrong ones would tell which answers are right.
     */
    public void checkAnswer(String clueId, String address) {
        long waitNanos = LocalBuckets.peek(wrongAnswers.of(clueId + ' ' + address));
        if (waitNanos > 0) {
            throw RuleViolation.tooManyRequests("wrong-answers-from-address",
                    "too many wrong answers for this clue from your network address; retry later",
                    LocalBuckets.retryAfterSeconds(waitNanos));
        }
    }

    /** Counts a wrong answer for the clue from the address. */
    public void countWrongAnswer(String clueId, String address) {
        LocalBuckets.take(wrongAnswers.of(clueId + ' ' + address));
    }

    /** Buckets by key; one idle long enough to have refilled is forgotten, as a new one starts full. */
    private static final class Buckets {
        private final double burst;
        private final double perSecond;
        private final Cache<String, Bucket> byKey;

        Buckets(double burst, double perMinute) {
            if (burst < 1 || perMinute <= 0) {
                throw new IllegalArgumentException("a client-address limit needs a burst of at least 1 and a positive rate");
            }
            this.burst = burst;
            this.perSecond = perMinute / 60;
            long refillSeconds = (long) Math.ceil(burst / perSecond);
            this.byKey = Caffeine.newBuilder().maximumSize(MAX_TRACKED)
                    .expireAfterAccess(Duration.ofSeconds(Math.max(60, refillSeconds))).build();
        }

        Bucket of(String key) {
            return byKey.get(key, k -> LocalBuckets.create(burst, perSecond));
        }
    }
}
