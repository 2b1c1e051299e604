package io.veltrix.api.player;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An organizer revokes a player's tokens; {@code tokenHash} is the hash of the one that replaces them. */
public record RevokePlayerToken(@TargetAggregateIdentifier PlayerId playerId, String tokenHash, String reason,
                                String organizer) {
}
