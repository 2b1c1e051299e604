package io.veltrix.api.hunt;

/** The lifecycle of a hunt: DRAFT → PUBLISHED → RUNNING → ENDED. */
public enum HuntStatus {
    DRAFT,
    /** Registration open, clue set frozen. */
    PUBLISHED,
    /** Finds accepted; registration still open unless full. */
    RUNNING,
    ENDED;

    public boolean acceptsRegistrations() {
        return this == PUBLISHED || this == RUNNING;
    }
}
