package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/**
 * The captain {@code by} removed a member before the hunt started: the member plays no more, and
 * their handle and seat are free again.
 */
@Revision("1")
public record TeamMemberRemoved(TeamId teamId, HuntId huntId, PlayerId playerId, PlayerId by) {
}
