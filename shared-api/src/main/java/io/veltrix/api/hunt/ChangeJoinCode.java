package io.veltrix.api.hunt;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a hunt's join code by the one hashed as {@code joinCodeHash}, or removes it (null). */
public record ChangeJoinCode(@TargetAggregateIdentifier HuntId huntId, String joinCodeHash, String by) {
}
