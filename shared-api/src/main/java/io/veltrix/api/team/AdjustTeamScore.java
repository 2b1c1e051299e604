package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer corrects a team's score by ± {@code points}, with a reason. */
public record AdjustTeamScore(@TargetAggregateIdentifier TeamId teamId, HuntId huntId, int points, String reason, String organizer) {
}
