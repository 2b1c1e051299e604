package io.veltrix.api.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * An event payload at its place in the event store: its global index (the only order scoring
 * trusts) and the timestamp it was recorded with (used for freezes and tie-breaks, never for order).
 */
public record IndexedEvent(long index, Instant timestamp, Object payload) {

    public IndexedEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
    }
}
