package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer removes a team from the public board, with a reason. */
public record DisqualifyTeam(@TargetAggregateIdentifier TeamId teamId, HuntId huntId, String reason, String organizer) {
}
