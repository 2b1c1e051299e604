package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A DRAFT hunt's settings are now these, replacing those of {@link HuntCreated} and of every
 * earlier edit (same fields, same meaning; {@code maxPlayers} null for an unlimited hunt). The
 * join code, the team mode and the organizers are not part of it.
 */
@Revision("1")
public record HuntEdited(HuntId huntId,
                         String name,
                         Instant startsAt,
                         Instant endsAt,
                         Integer maxPlayers,
                         int firstFinderBonus,
                         int maxWrongAttempts,
                         int lockoutWindowSeconds,
                         String by) {
}
