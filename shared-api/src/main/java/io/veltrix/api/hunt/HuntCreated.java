package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A hunt was created in DRAFT. {@code maxPlayers} is null for an unlimited hunt. {@code joinCodeHash}
 * (since v2) is the keyed hash of the code players must present to register, null for an open
 * hunt: auditors read events, so the code itself is never in one (see {@link HuntCreatedUpcaster}).
 */
@Revision(HuntCreated.REVISION)
public record HuntCreated(HuntId huntId,
                          String name,
                          Instant startsAt,
                          Instant endsAt,
                          Integer maxPlayers,
                          int firstFinderBonus,
                          int maxWrongAttempts,
                          int lockoutWindowSeconds,
                          String organizer,
                          String joinCodeHash) {

    /** The current schema version; older stored versions are upcast to it on read. */
    public static final String REVISION = "2";

    /** A hunt anyone may join, as every v1 event. */
    public HuntCreated(HuntId huntId, String name, Instant startsAt, Instant endsAt, Integer maxPlayers,
                       int firstFinderBonus, int maxWrongAttempts, int lockoutWindowSeconds, String organizer) {
        this(huntId, name, startsAt, endsAt, maxPlayers, firstFinderBonus, maxWrongAttempts, lockoutWindowSeconds,
                organizer, null);
    }
}
