package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The captain {@code by} removes {@code memberId} from the team, before the hunt starts. */
public record RemoveTeamMember(@TargetAggregateIdentifier TeamId teamId, HuntId huntId, PlayerId memberId,
                               PlayerId by) {
}
