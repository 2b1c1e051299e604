package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer puts a disqualified team back on the board. */
public record ReinstateTeam(@TargetAggregateIdentifier TeamId teamId, HuntId huntId, String organizer) {
}
