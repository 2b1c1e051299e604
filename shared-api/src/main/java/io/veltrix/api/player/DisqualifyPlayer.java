package io.veltrix.api.player;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer removes a player from the public board. */
public record DisqualifyPlayer(@TargetAggregateIdentifier PlayerId playerId, String reason, String organizer) {
}
