package io.veltrix.api.organizer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an organizer account: {@code passwordHash} is the password's BCrypt hash, never the password;
 * {@code by} is the admin asking. The account id is random; the user name's uniqueness is claimed
 * by the command side in the same transaction.
 */
public record CreateOrganizerAccount(@TargetAggregateIdentifier String accountId, String username,
                                     String passwordHash, String by) {
}
