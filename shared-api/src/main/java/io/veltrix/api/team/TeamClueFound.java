package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/**
 * The team's correct, first answer for a clue, given by member {@code playerId} (the finder it is
 * credited to); {@code points} are the clue's base points, {@code wrongBefore} the team's wrong
 * answers on this clue before this find.
 */
@Revision("1")
public record TeamClueFound(TeamId teamId, HuntId huntId, ClueId clueId, PlayerId playerId, int points,
                            int wrongBefore) {
}
