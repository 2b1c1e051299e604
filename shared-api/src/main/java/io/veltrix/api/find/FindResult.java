package io.veltrix.api.find;

/**
 * The answer to {@link SubmitFind}: points earned by this attempt, and for
 * {@link FindOutcome#LOCKED_OUT} the seconds until the clue may be tried again.
 */
public record FindResult(FindOutcome outcome, int points, long retryAfterSeconds) {

    public static FindResult of(FindOutcome outcome, int points) {
        return new FindResult(outcome, points, 0);
    }
}
