package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** A wrong answer; {@code wrongInWindow} counts this one among the wrong answers in the lockout window. */
@Revision("1")
public record ClueFindRejected(PlayerId playerId, HuntId huntId, ClueId clueId, int wrongInWindow) {
}
