package io.veltrix.api.organizer;

import org.axonframework.serialization.Revision;

/**
 * The organizer account {@code username} has a new password, given as its BCrypt hash; the old one
 * logs in no more. {@code by} is the admin who reset it, or the account's own name when the
 * organizer changed it after proving the current one.
 */
@Revision("1")
public record OrganizerPasswordChanged(String accountId, String username, String passwordHash, String by) {

    /** Without the hash: what a log line or a diagnostic may show of this event. */
    @Override
    public String toString() {
        return "OrganizerPasswordChanged[accountId=" + accountId + ", username=" + username + ", by=" + by + "]";
    }
}
