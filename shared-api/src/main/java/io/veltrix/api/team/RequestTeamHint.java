package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member ({@code playerId}) takes a clue's hint for their team, which pays its penalty once. */
public record RequestTeamHint(@TargetAggregateIdentifier TeamId teamId, PlayerId playerId, ClueId clueId) {
}
