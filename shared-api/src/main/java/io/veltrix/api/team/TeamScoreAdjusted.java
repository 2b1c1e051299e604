package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

/** An organizer's correction of the team's score (± points). */
@Revision("1")
public record TeamScoreAdjusted(TeamId teamId, HuntId huntId, int points, String reason, String organizer) {
}
