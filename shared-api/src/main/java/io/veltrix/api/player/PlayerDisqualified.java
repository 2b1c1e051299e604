package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PlayerDisqualified(PlayerId playerId, HuntId huntId, String reason, String organizer) {
}
