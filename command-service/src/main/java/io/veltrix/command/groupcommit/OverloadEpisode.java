package io.veltrix.command.groupcommit;

import java.time.Duration;

/**
 * Tells a moment's backlog from an overload. A stalled batch (its flush held up by the disk's
 * writeback) holds every worker for a moment: each waits for it, and the requests that arrive
 * meanwhile queue; once it is through they drain within a few batches, so refusing them then
 * answers them no sooner than serving them would, it only turns players away. An overload does
 * not drain. So an overload the edge sees while a batch is stalled is not refused, nor one that
 * was first seen before a stall ended, for up to {@code grace} after that end: the backlog the
 * stall left, which is over once it has drained under the limit. Any other overload is refused at
 * once: nothing explains it but more requests than the service can take, and waiting would only
 * answer the refusals later. Once the edge has refused, any overload seen within {@code grace} of
 * its last refusal is refused at once too, stall or not: a stall within a sustained overload only
 * adds to what must be refused. With no grace every overload is refused at once.
 */
final class OverloadEpisode {

    static final long NONE = Long.MIN_VALUE;

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
     * overloaded at that moment, whether a batch is stalled now, and when the last stalled batch
     * ended (NONE if none has). Called by every worker thread, so kept to a few fields under one
     * short lock.
     */
    synchronized boolean refuse(boolean overloaded, boolean stalled, long lastStallEnded, long now) {
        if (!overloaded) {
            overSince = NONE;
            return false;
        }
        if (overSince == NONE) {
            overSince = now;
        }
        boolean leftByStall = lastStallEnded != NONE && overSince <= lastStallEnded
                && now - lastStallEnded < graceNanos;
        boolean refusing = graceNanos == 0 || !(stalled || leftByStall)
                || (lastRefusal != NONE && now - lastRefusal < graceNanos);
        if (refusing) {
            lastRefusal = now;
        }
        return refusing;
    }
}
