package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/**
 * A correct, first answer of this player for this clue; {@code points} are the clue's base points.
 * {@code wrongBefore} (since v2) counts the player's wrong answers on this clue before this find;
 * null for events recorded as v1, which did not record it (see {@link ClueFoundUpcaster}).
 */
@Revision(ClueFound.REVISION)
public record ClueFound(PlayerId playerId, HuntId huntId, ClueId clueId, int points, Integer wrongBefore) {

    /** The current schema version; older stored versions are upcast to it on read. */
    public static final String REVISION = "2";

    /** A find whose wrong answers before it are not known, as every v1 event. */
    public ClueFound(PlayerId playerId, HuntId huntId, ClueId clueId, int points) {
        this(playerId, huntId, clueId, points, null);
    }
}
