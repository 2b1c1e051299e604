package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

/**
 * A player joined a hunt. {@code tokenHash} is SHA-256 of a 256-bit random token: it lets any
 * service authenticate the player, and reveals nothing of the token.
 */
@Revision("1")
public record PlayerRegistered(PlayerId playerId, HuntId huntId, String handle, String tokenHash) {
}
