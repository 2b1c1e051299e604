package io.veltrix.api.team;

import io.veltrix.api.hunt.HuntId;
import org.axonframework.serialization.Revision;

/** The team is back on the public board. */
@Revision("1")
public record TeamReinstated(TeamId teamId, HuntId huntId, String organizer) {
}
