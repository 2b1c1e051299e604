package io.veltrix.api.organizer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin ({@code by}) gives an organizer account a new password, as its BCrypt hash. */
public record ResetOrganizerPassword(@TargetAggregateIdentifier String accountId, String passwordHash, String by) {

    @Override
    public String toString() {
        return "ResetOrganizerPassword[accountId=" + accountId + ", by=" + by + "]";
    }
}
