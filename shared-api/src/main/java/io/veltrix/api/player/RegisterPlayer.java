package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a player for one hunt. {@code tokenHash} is SHA-256 of the secret player token. */
public record RegisterPlayer(@TargetAggregateIdentifier PlayerId playerId,
                             HuntId huntId,
                             String handle,
                             String tokenHash) {
}
