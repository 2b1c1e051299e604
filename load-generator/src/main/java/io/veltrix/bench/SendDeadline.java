package io.veltrix.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * When an open-loop phase stops sending: {@code --send-deadline} after its scheduled end, what is
 * still unsent is given up (counted, never sent), and what is still in flight is left after one
 * more {@code --request-timeout}. A service that stopped answering then costs the run minutes,
 * not a request timeout per queued request; both counts are reported and are errors.
 */
final class SendDeadline {
    private final Options options;
    private final Errors errors;
    private final String phase;
    private final long giveUpAfterNanos;
    private final long requestTimeoutNanos;
    private final int maxInFlight;
    private long notSent;
    private long abandoned;

    SendDeadline(Options options, Errors errors, String phase, Duration duration) {
        this.options = options;
        this.errors = errors;
        this.phase = phase;
        this.requestTimeoutNanos = options.duration("request-timeout").toNanos();
        this.maxInFlight = options.integer("max-in-flight");
        this.giveUpAfterNanos = duration.toNanos() + options.duration("send-deadline").toNanos();
    }

    /** A permit to send; false (and {@code left} counted as not sent) once the deadline has passed. */
    boolean permit(Semaphore inFlight, long start, long left) {
        if (OpenLoopSchedule.acquireBefore(inFlight, 1, start + giveUpAfterNanos)) {
            return true;
        }
        notSent = left;
        errors.add(phase + "-not-sent", left + " requests still unsent " + options.string("send-deadline")
                + " after the phase's scheduled end");
        return false;
    }

    /** Waits for the requests in flight, at most a request timeout beyond the deadline. */
    void awaitInFlight(Semaphore inFlight, long start) {
        long until = Math.max(System.nanoTime(), start + giveUpAfterNanos) + requestTimeoutNanos;
        if (OpenLoopSchedule.acquireBefore(inFlight, maxInFlight, until)) {
            inFlight.release(maxInFlight);
            return;
        }
        abandoned = maxInFlight - inFlight.availablePermits();
        errors.add(phase + "-abandoned", abandoned + " requests still unanswered a request timeout after the deadline");
    }

    void report(Map<String, Object> out) {
        out.put("notSent", notSent);
        out.put("abandoned", abandoned);
    }
}
