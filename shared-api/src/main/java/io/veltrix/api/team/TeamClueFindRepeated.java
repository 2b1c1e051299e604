package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** A member gave a correct answer for a clue their team had already found: worth nothing. */
@Revision("1")
public record TeamClueFindRepeated(TeamId teamId, HuntId huntId, ClueId clueId, PlayerId playerId) {
}
