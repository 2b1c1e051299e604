package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a hunt in DRAFT. Optional fields are null when not given; {@code joinCodeHash} is the
 * keyed hash of the code players must present to register (null: anyone may register);
 * {@code teamSize} makes it a team-mode hunt (null: solo), {@code maxTeams} caps its teams.
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
                         String joinCodeHash,
                         Integer teamSize,
                         Integer maxTeams) {

    /** A solo hunt. */
    public CreateHunt(HuntId huntId, String name, Instant startsAt, Instant endsAt, Integer maxPlayers,
                      int firstFinderBonus, int maxWrongAttempts, int lockoutWindowSeconds, String organizer,
                      String joinCodeHash) {
        this(huntId, name, startsAt, endsAt, maxPlayers, firstFinderBonus, maxWrongAttempts, lockoutWindowSeconds,
                organizer, joinCodeHash, null, null);
    }
}
