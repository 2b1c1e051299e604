package io.veltrix.api.organizer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops an organizer account from logging in; {@code by} is the admin asking. */
public record DisableOrganizerAccount(@TargetAggregateIdentifier String accountId, String by) {
}
