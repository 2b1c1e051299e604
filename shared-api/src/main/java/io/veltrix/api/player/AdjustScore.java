package io.veltrix.api.player;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer corrects a score by {@code points} (negative to deduct). */
public record AdjustScore(@TargetAggregateIdentifier PlayerId playerId, int points, String reason, String organizer) {
}
