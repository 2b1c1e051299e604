package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** A correct answer for a clue the player had already found: recorded, worth nothing. */
@Revision("1")
public record ClueFindRepeated(PlayerId playerId, HuntId huntId, ClueId clueId) {
}
