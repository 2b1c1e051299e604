package io.veltrix.api.hunt;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Freezes the public scoreboard at {@code at} (now or later). */
public record FreezeScoreboard(@TargetAggregateIdentifier HuntId huntId, Instant at, String by) {
}
