package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

/** The team was removed from the public board and submits no more finds. */
@Revision("1")
public record TeamDisqualified(TeamId teamId, HuntId huntId, String reason, String organizer) {
}
