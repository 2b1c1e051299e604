package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/**
 * A player (registered in the same transaction by {@code PlayerRegistered} on their own stream)
 * became a member of the team; the captain joins this way too, right after {@link TeamCreated}.
 */
@Revision("1")
public record TeamMemberJoined(TeamId teamId, HuntId huntId, PlayerId playerId, String handle) {
}
