package io.veltrix.command.groupcommit;

import java.time.Duration;

/**
 * Tells a moment's backlog from an overload. A stall of the disk's flush or a collector's pause
 * holds every worker for a moment; the requests that arrive meanwhile queue, and once it ends they
 * drain within a few batches: refusing them then answers them no sooner than serving them would, it
 * only turns players away. An overload does not drain. So the edge refuses only once an overload
 * has been seen for {@code grace} without a moment free of it; and once it has refused, any
 * overload seen within {@code grace} of its last refusal is refused at once, so that a sustained
 * overload, which the refusals keep draining to the limit and back, does not open a new grace each
 * time it dips under the limit.
 */
final class OverloadEpisode {

    private static final long NONE = Long.MIN_VALUE;

    private final long graceNanos;
    /** When the current unbroken run of overloaded observations began; NONE while not overloaded. */
    private long overSince = NONE;
    /** When the edge last refused; NONE before the first refusal. */
    private long lastRefusal = NONE;

    OverloadEpisode(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the admission grace must not be negative, got " + grace);
        }
        this.graceNanos = grace.toNanos();
    }

    /**
     * Whether a request seen at {@code now} (nanoTime) is refused, given whether the service is
     * overloaded at that moment. Called by every worker thread, so kept to a few fields under one
     * short lock.
     */
    synchronized boolean refuse(boolean overloaded, long now) {
        if (!overloaded) {
            overSince = NONE;
            return false;
        }
        if (overSince == NONE) {
            overSince = now;
        }
        boolean refusing = now - overSince >= graceNanos
                || (lastRefusal != NONE && now - lastRefusal < graceNanos);
        if (refusing) {
            lastRefusal = now;
        }
        return refusing;
    }
}
