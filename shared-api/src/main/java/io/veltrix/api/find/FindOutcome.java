package io.veltrix.api.find;

/** What became of a find attempt. */
public enum FindOutcome {
    FOUND,
    ALREADY_FOUND,
    WRONG,
    /** Too many wrong answers for this clue within the lockout window. */
    LOCKED_OUT
}
