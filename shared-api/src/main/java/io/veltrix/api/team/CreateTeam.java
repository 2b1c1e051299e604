package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a team in a team-mode hunt, its creator ({@code captainId}, registered with {@code handle}
 * and {@code tokenHash} as by {@code RegisterPlayer}) its captain and first member.
 * {@code huntJoinCodeHash} is the keyed hash of the hunt's join code the creator presented (null:
 * none); {@code teamJoinCodeHash} the keyed hash of the code teammates will join with.
 */
public record CreateTeam(@TargetAggregateIdentifier TeamId teamId,
                         HuntId huntId,
                         String name,
                         PlayerId captainId,
                         String handle,
                         String tokenHash,
                         String huntJoinCodeHash,
                         String teamJoinCodeHash) {
}
