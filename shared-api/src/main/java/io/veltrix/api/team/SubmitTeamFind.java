package io.veltrix.api.team;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A member ({@code playerId}) claims a clue for their team; {@code answerHash} as in
 * {@code SubmitFind}: the keyed hash of the normalized answer, computed at the HTTP edge.
 */
public record SubmitTeamFind(@TargetAggregateIdentifier TeamId teamId, PlayerId playerId, ClueId clueId,
                             String answerHash) {
}
