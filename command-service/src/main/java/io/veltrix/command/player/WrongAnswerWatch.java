package io.veltrix.command.player;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Watches each clue's wrong answers across all players and addresses: when one clue draws more than
 * {@code veltrix.client-address.wrong-answer-alert-per-minute} in a minute, the hunt is probably
 * being brute-forced through many players (or the clue is broken). Each such minute logs one
 * warning and counts {@code veltrix.finds.wrong.surges} for the hunt and clue, so an alert rule or
 * a look at the log shows it while it happens.
 */
@Component
public class WrongAnswerWatch {

    private static final Logger log = LoggerFactory.getLogger(WrongAnswerWatch.class);
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final double alertPerMinute;
    private final MeterRegistry meters;
    private final Cache<String, Rate> rates = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();

    public WrongAnswerWatch(@Value("${veltrix.client-address.wrong-answer-alert-per-minute:600}") double alertPerMinute,
                            MeterRegistry meters) {
        this.alertPerMinute = alertPerMinute;
        this.meters = meters;
    }

    /** Counts a wrong answer; the one that takes the clue over the alert rate raises the signal. */
    public void wrongAnswer(String huntId, String clueId, String address) {
        Rate rate = rates.get(clueId, id -> new Rate());
        long now = System.nanoTime();
        double perMinute = rate.add(now);
        if (perMinute >= alertPerMinute && rate.alertDue(now)) {
            meters.counter("veltrix.finds.wrong.surges", "hunt", huntId, "clue", clueId).increment();
            log.warn("clue {} of hunt {} drew {} wrong answers in the last minute (alert at {}), the last from {}:"
                            + " a brute force through many players, or a clue whose answers are wrong",
                    clueId, huntId, Math.round(perMinute), Math.round(alertPerMinute), address);
        }
    }

    /**
     * Wrong answers per minute, estimated over a sliding minute from two fixed ones (the previous
     * minute weighted by how much of it the sliding one still covers).
     */
    private static final class Rate {
        private long minute = Long.MIN_VALUE;
        private long current;
        private long previous;
        private long alertedMinute = Long.MIN_VALUE;

        synchronized double add(long now) {
            roll(Math.floorDiv(now, MINUTE_NANOS));
            current++;
            double unseenOfPrevious = 1 - (double) Math.floorMod(now, MINUTE_NANOS) / MINUTE_NANOS;
            return current + previous * unseenOfPrevious;
        }

        /** True once per minute: the first time it is asked in that minute. */
        synchronized boolean alertDue(long now) {
            long thisMinute = Math.floorDiv(now, MINUTE_NANOS);
            if (alertedMinute == thisMinute) {
                return false;
            }
            alertedMinute = thisMinute;
            return true;
        }

        private void roll(long thisMinute) {
            if (thisMinute == minute) {
                return;
            }
            previous = thisMinute == minute + 1 ? current : 0;
            current = 0;
            minute = thisMinute;
        }
    }
}
