package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a DRAFT hunt's settings, with the meaning and limits they have in {@link CreateHunt}.
 * The join code has its own command ({@link ChangeJoinCode}); the team mode is fixed at creation.
 */
public record EditHunt(@TargetAggregateIdentifier HuntId huntId,
                       String name,
                       Instant startsAt,
                       Instant endsAt,
                       Integer maxPlayers,
                       int firstFinderBonus,
                       int maxWrongAttempts,
                       int lockoutWindowSeconds,
                       String by) {
}
