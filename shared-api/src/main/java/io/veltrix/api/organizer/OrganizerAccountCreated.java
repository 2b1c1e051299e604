package io.veltrix.api.organizer;

import org.axonframework.serialization.Revision;

/**
 * An organizer account was opened by the admin {@code by}. {@code passwordHash} is a BCrypt hash
 * ({@code $2a$<cost>$…}): both services authenticate the organizer against it, the query side
 * through its own projection of this event, since it may read the event store but no command-side
 * table. The event names no hunt, so no hunt's audit trail or export carries it.
 */
@Revision("1")
public record OrganizerAccountCreated(String accountId, String username, String passwordHash, String by) {

    /** Without the hash: what a log line or a diagnostic may show of this event. */
    @Override
    public String toString() {
        return "OrganizerAccountCreated[accountId=" + accountId + ", username=" + username + ", by=" + by + "]";
    }
}
