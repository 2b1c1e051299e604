package io.veltrix.query.replay;

import java.util.List;

/**
 * Indexes of a processing group's tables that only the API's reads use: none of the group's
 * handlers or writes reads through them, and none is unique (uniqueness is a rule, not a speed-up).
 * A replay's bulk part drops them while it projects the store and builds them once at its end
 * ({@link ReplayIndexes}), instead of updating them row by row.
 */
public interface ReadOnlyIndexes {

    /** The processing group whose replay drops them. */
    String processingGroup();

    /** The indexes' names, as the group's migrations create them. */
    List<String> indexes();
}
