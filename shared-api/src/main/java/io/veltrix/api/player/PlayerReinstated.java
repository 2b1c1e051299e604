package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PlayerReinstated(PlayerId playerId, HuntId huntId, String organizer) {
}
