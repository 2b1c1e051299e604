package io.veltrix.api.hunt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a clue out of a DRAFT hunt. */
public record RemoveClue(@TargetAggregateIdentifier HuntId huntId, ClueId clueId, String by) {
}
