package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** A correct, first answer of this player for this clue; {@code points} are the clue's base points. */
@Revision("1")
public record ClueFound(PlayerId playerId, HuntId huntId, ClueId clueId, int points) {
}
