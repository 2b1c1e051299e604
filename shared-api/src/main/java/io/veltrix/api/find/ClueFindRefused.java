package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** An attempt refused unread because the player is locked out of this clue for {@code retryAfterSeconds}. */
@Revision("1")
public record ClueFindRefused(PlayerId playerId, HuntId huntId, ClueId clueId, long retryAfterSeconds) {
}
