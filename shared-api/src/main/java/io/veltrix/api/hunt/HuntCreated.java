package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A hunt was created in DRAFT. {@code maxPlayers} is null for an unlimited hunt. */
@Revision("1")
public record HuntCreated(HuntId huntId,
                          String name,
                          Instant startsAt,
                          Instant endsAt,
                          Integer maxPlayers,
                          int firstFinderBonus,
                          int maxWrongAttempts,
                          int lockoutWindowSeconds,
                          String organizer) {
}
