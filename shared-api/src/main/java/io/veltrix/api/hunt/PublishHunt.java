package io.veltrix.api.hunt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves a hunt on in its lifecycle; {@code by} is the organizer, or "scheduler" for timed hunts. */
public record PublishHunt(@TargetAggregateIdentifier HuntId huntId, String by) {
}
