package io.veltrix.launcher;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * When a crashed service is started again: after a pause that doubles with each crash of the
 * last minute (1 s, 2 s, 4 s … at most 30 s), and not at all once it crashed more than
 * {@code restartsPerMinute} times within a minute — then something is wrong that restarting will not
 * fix, and the launcher stops everything instead of flapping. One policy per service.
 */
final class RestartPolicy {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final int restartsPerMinute;
    /** {@link System#nanoTime()} of each crash within the last {@link #WINDOW}. */
    private final Deque<Long> recentCrashes = new ArrayDeque<>();

    RestartPolicy(int restartsPerMinute) {
        this.restartsPerMinute = restartsPerMinute;
    }

    /** The pause before the restart of a service that crashed at {@code nowNanos}; empty: give up. */
    Optional<Duration> onCrash(long nowNanos) {
        while (!recentCrashes.isEmpty() && nowNanos - recentCrashes.peekFirst() > WINDOW.toNanos()) {
            recentCrashes.removeFirst();
        }
        recentCrashes.addLast(nowNanos);
        int crashes = recentCrashes.size();
        if (crashes > restartsPerMinute) {
            return Optional.empty();
        }
        Duration pause = FIRST_PAUSE.multipliedBy(1L << Math.min(crashes - 1, 5));
        return Optional.of(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause);
    }

    /** Crashes counted within the last minute, the one just reported included. */
    int recentCrashes() {
        return recentCrashes.size();
    }
}
