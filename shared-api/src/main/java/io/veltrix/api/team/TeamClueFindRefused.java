package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/** A member's attempt refused unread: the team is locked out of the clue (too many wrong answers in the window). */
@Revision("1")
public record TeamClueFindRefused(TeamId teamId, HuntId huntId, ClueId clueId, PlayerId playerId,
                                  long retryAfterSeconds) {
}
