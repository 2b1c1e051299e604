package io.veltrix.api.player;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer lifts a disqualification. */
public record ReinstatePlayer(@TargetAggregateIdentifier PlayerId playerId, String organizer) {
}
