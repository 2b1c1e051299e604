package io.veltrix.platform.eventstore;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * One read of the event stream: the events after a token, in one query, and whether more may
 * follow at once. Axon's own stream ({@link EventStorageEngine#readEvents(TrackingToken, boolean)})
 * asks the store again whenever its last batch is drained, so a reader that is caught up pays an
 * empty query (and the engine's look past a gap) after every batch it gets.
 */
public interface TrackedBatchReads {

    /** Axon's own batch size, for engines that do not say theirs. */
    int DEFAULT_BATCH_SIZE = 100;

    /** The events after {@code token} ({@code null}: from the start), oldest first. */
    Batch readBatch(TrackingToken token);

    /**
     * One read's events; {@code more}: the store may hold events after them already (read again
     * without waiting for a sign of new ones).
     */
    record Batch(List<? extends TrackedEventMessage<?>> events, boolean more) {

        public static final Batch EMPTY = new Batch(List.of(), false);
    }

    /**
     * The batch reads of {@code storage}: its own when it has them, else the first events of its
     * stream, and after any non-empty batch another read (the stream's own rule).
     */
    static TrackedBatchReads of(EventStorageEngine storage, int fallbackBatchSize) {
        if (storage instanceof TrackedBatchReads reads) {
            return reads;
        }
        return token -> {
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(token, false)) {
                List<? extends TrackedEventMessage<?>> events = stream.limit(fallbackBatchSize).toList();
                return new Batch(events, !events.isEmpty());
            }
        };
    }
}
