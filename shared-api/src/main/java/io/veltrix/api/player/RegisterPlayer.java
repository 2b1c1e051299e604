package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a player for one hunt. {@code tokenHash} is SHA-256 of the secret player token;
 * {@code joinCodeHash} is the keyed hash of the join code the player presented (null: none), compared
 * with the hunt's and never recorded.
 */
public record RegisterPlayer(@TargetAggregateIdentifier PlayerId playerId,
                             HuntId huntId,
                             String handle,
                             String tokenHash,
                             String joinCodeHash) {
}
