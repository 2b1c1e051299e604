package io.veltrix.command.groupcommit;

import java.time.Duration;

/**
 * Tells a moment's backlog from an overload. A stall of the disk's flush holds every worker for a
 * moment: each waits for the stalled commit, and the requests that arrive meanwhile queue; once it
 * ends they drain within a few batches, so refusing them then answers them no sooner than serving
 * them would, it only turns players away. An overload does not drain. So an overload the edge sees
 * while a commit is stalled, or within {@code grace} after one, is refused only once it has been
 * seen for {@code grace} without a moment free of it; any other overload is refused at once, since
 * nothing explains it but more requests than the service can take, and waiting would only answer
 * the refusals later. Once the edge has refused, any overload seen within {@code grace} of its
 * last refusal is refused at once too, so that a sustained overload, which the refusals keep
 * draining to the limit and back, does not open a new grace each time it dips under the limit.
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
     * overloaded at that moment and whether a stalled commit explains it. Called by every worker
     * thread, so kept to a few fields under one short lock.
     */
    synchronized boolean refuse(boolean overloaded, boolean stalled, long now) {
        if (!overloaded) {
            overSince = NONE;
            return false;
        }
        if (overSince == NONE) {
            overSince = now;
        }
        boolean refusing = !stalled || now - overSince >= graceNanos
                || (lastRefusal != NONE && now - lastRefusal < graceNanos);
        if (refusing) {
            lastRefusal = now;
        }
        return refusing;
    }
}
