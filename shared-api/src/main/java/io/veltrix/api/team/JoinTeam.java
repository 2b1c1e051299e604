package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a new player ({@code playerId}, {@code handle}, {@code tokenHash}) as a member of a team
 * of {@code huntId}; {@code joinCodeHash} is the keyed hash of the team's join code as presented.
 */
public record JoinTeam(@TargetAggregateIdentifier TeamId teamId,
                       HuntId huntId,
                       PlayerId playerId,
                       String handle,
                       String tokenHash,
                       String joinCodeHash) {
}
