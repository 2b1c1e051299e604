package io.veltrix.api.organizer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An organizer replaces its own password: {@code currentPassword} is checked against the account's
 * hash by the account itself, and only {@code newPasswordHash} (BCrypt) reaches an event. The
 * command travels in memory only; its text leaves both out.
 */
public record ChangeOwnPassword(@TargetAggregateIdentifier String accountId, String currentPassword,
                                String newPasswordHash) {

    @Override
    public String toString() {
        return "ChangeOwnPassword[accountId=" + accountId + "]";
    }
}
