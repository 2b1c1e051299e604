package io.veltrix.api.hunt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes the organizer account {@code username} a co-organizer of the hunt; {@code by} is who asks. */
public record AddHuntOrganizer(@TargetAggregateIdentifier HuntId huntId, String username, String by) {
}
