package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The public board shows standings as of {@code at}; organizers and auditors still see live ones. */
@Revision("1")
public record ScoreboardFrozen(HuntId huntId, Instant at, String by) {
}
