package io.veltrix.platform.eventstore;

import java.time.Instant;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;

/**
 * A domain event as a page read ({@link PageReads}) hands it to a replay: payload and timestamp
 * decoded, its global index known without its metadata, and the metadata kept as its stored bytes
 * until something asks for it. The stored payload bytes are not kept.
 *
 * <p>Why: a replay's handlers read the payload, the timestamp and the index, not the rest of the
 * metadata (trace and correlation identifiers, the hash chain's link); decoding it was a quarter of
 * the page reader's time and most of each event's garbage (JFR, docs/performance.md round 32).
 * Whatever does ask (a dead letter, a handler taking metadata) gets it decoded as before, the
 * index included.
 */
public final class PageEvent<T> extends GenericTrackedDomainEventMessage<T> {

    private final long globalIndex;

    private PageEvent(TrackingToken token, String type, String aggregateIdentifier, long sequenceNumber,
                      SerializedMessage<T> message, Instant timestamp, long globalIndex) {
        super(token, type, aggregateIdentifier, sequenceNumber, message, timestamp);
        this.globalIndex = globalIndex;
    }

    /** The event of {@code identifier} with its {@code payload} decoded and its {@code metaData} as stored. */
    static <T> PageEvent<T> of(TrackingToken token, String type, String aggregateIdentifier, long sequenceNumber,
                               String identifier, T payload, LazyDeserializingObject<MetaData> metaData,
                               Instant timestamp, long globalIndex) {
        return new PageEvent<>(token, type, aggregateIdentifier, sequenceNumber,
                new SerializedMessage<>(identifier, new LazyDeserializingObject<>(payload), metaData),
                timestamp, globalIndex);
    }

    /** The event's own position in the store's global order. */
    public long globalIndex() {
        return globalIndex;
    }

    /** Whether the metadata has been decoded (something asked for it). */
    public boolean isMetaDataDecoded() {
        return ((SerializedMessage<T>) getDelegate()).isMetaDataDeserialized();
    }
}
