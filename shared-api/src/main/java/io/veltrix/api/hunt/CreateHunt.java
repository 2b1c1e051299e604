package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a hunt in DRAFT. Optional fields are null when not given; {@code joinCodeHash} is the
 * keyed hash of the code players must present to register (null: anyone may register).
 */
public record CreateHunt(@TargetAggregateIdentifier HuntId huntId,
                         String name,
                         Instant startsAt,
                         Instant endsAt,
                         Integer maxPlayers,
                         int firstFinderBonus,
                         int maxWrongAttempts,
                         int lockoutWindowSeconds,
                         String organizer,
                         String joinCodeHash) {
}
