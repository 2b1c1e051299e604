package io.veltrix.api.player;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ScoreAdjusted(PlayerId playerId, HuntId huntId, int points, String reason, String organizer) {
}
