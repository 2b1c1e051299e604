package io.veltrix.api.find;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A player claims a clue. {@code answerHash} is the keyed hash of the normalized answer with
 * the clue's salt, computed at the HTTP edge so the plain answer goes no further.
 */
public record SubmitFind(@TargetAggregateIdentifier PlayerId playerId, ClueId clueId, String answerHash) {
}
