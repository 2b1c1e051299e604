package io.veltrix.command.player;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ReportWrongAnswerSurge;
import io.veltrix.api.hunt.WrongAnswersSurged;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Watches each clue's wrong answers across all players and addresses: when one clue draws more than
 * {@code veltrix.client-address.wrong-answer-alert-per-minute} in a minute, the hunt is probably
 * being brute-forced through many players (or the clue is broken). Each such minute logs one
 * warning, counts {@code veltrix.finds.wrong.surges} for the hunt and clue (for an alert rule), and
 * records {@link WrongAnswersSurged} on the hunt, which the organizers' view of the hunt shows
 * and auditors keep.
 */
@Component
public class WrongAnswerWatch {

    private static final Logger log = LoggerFactory.getLogger(WrongAnswerWatch.class);
    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final double alertPerMinute;
    private final MeterRegistry meters;
    private final CommandGateway commands;
    private final Cache<String, Rate> rates = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();

    public WrongAnswerWatch(@Value("${veltrix.client-address.wrong-answer-alert-per-minute:600}") double alertPerMinute,
                            MeterRegistry meters, CommandGateway commands) {
        this.alertPerMinute = alertPerMinute;
        this.meters = meters;
        this.commands = commands;
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
            // once a minute per clue at most; the find that tipped it is answered all the same
            commands.send(new ReportWrongAnswerSurge(new HuntId(huntId), new ClueId(clueId), (int) Math.round(perMinute)))
                    .whenComplete((done, failure) -> {
                        if (failure != null) {
                            log.warn("could not record the wrong-answer surge on clue {} of hunt {}", clueId, huntId, failure);
                        }
                    });
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
