package io.veltrix.api.organizer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lets a disabled organizer account log in again; {@code by} is the admin asking. */
public record EnableOrganizerAccount(@TargetAggregateIdentifier String accountId, String by) {
}
