package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

/**
 * Every earlier Bearer token of the player stops working. {@code tokenHash} is SHA-256 of the
 * token that replaces them, handed to the organizer who revoked (who gives it to the player in
 * person); null when no token replaces them (a disqualification), until an organizer issues one.
 */
@Revision("1")
public record PlayerTokenRevoked(PlayerId playerId, HuntId huntId, String tokenHash, String reason, String organizer) {
}
