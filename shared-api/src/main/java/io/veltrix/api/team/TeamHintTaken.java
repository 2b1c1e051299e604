package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** Member {@code playerId} took a clue's hint for the team, for the first time: {@code penalty} points are deducted. */
@Revision("1")
public record TeamHintTaken(TeamId teamId, HuntId huntId, ClueId clueId, PlayerId playerId, int penalty) {
}
