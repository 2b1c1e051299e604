package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A player asks for a clue's hint; the penalty is charged once. */
public record RequestHint(@TargetAggregateIdentifier PlayerId playerId, ClueId clueId) {
}
