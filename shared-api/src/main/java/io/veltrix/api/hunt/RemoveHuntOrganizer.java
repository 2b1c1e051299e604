package io.veltrix.api.hunt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes {@code username} off the hunt's organizers; {@code by} is who asks and {@code byAdmin}
 * whether that is an admin (who may remove anyone) rather than an organizer of the hunt.
 */
public record RemoveHuntOrganizer(@TargetAggregateIdentifier HuntId huntId, String username, String by,
                                  boolean byAdmin) {
}
