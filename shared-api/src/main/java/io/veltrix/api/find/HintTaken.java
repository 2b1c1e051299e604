package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** A player took a hint for the first time and pays {@code penalty} points. */
@Revision("1")
public record HintTaken(PlayerId playerId, HuntId huntId, ClueId clueId, int penalty) {
}
