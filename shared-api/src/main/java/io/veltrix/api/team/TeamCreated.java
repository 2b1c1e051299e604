package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;

/**
 * A team was created in a team-mode hunt. {@code name} is unique in the hunt ignoring case and
 * look-alike characters; {@code captainId} may remove members before the start. {@code joinCodeHash}
 * is the keyed hash of the team's join code: the code itself is in no event.
 */
@Revision("1")
public record TeamCreated(TeamId teamId, HuntId huntId, String name, PlayerId captainId, String joinCodeHash) {
}
