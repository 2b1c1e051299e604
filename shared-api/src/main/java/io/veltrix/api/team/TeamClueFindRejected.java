package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/**
 * A member's wrong answer; {@code wrongInWindow} counts it among the team's wrong answers for the
 * clue in the lockout window (the lockout is the team's).
 */
@Revision("1")
public record TeamClueFindRejected(TeamId teamId, HuntId huntId, ClueId clueId, PlayerId playerId,
                                   int wrongInWindow) {
}
