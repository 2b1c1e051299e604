package io.veltrix.platform.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.audit.HashChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

/**
 * Stamps every appended domain event with its stream's chain hash (see {@link HashChain}) and
 * delegates storage. The previous hash comes from a bounded cache keyed by the exact preceding
 * sequence number, so a stale entry (a rolled-back append, another instance's write) is never
 * used: on a miss the stored predecessor is read.
 */
public class HashChainingEventStorageEngine implements EventStorageEngine, TrackedBatchReads {

    private final EventStorageEngine delegate;
    private final TrackedBatchReads batchReads;
    private final Serializer eventSerializer;
    private final PreviousHashLookup lookup;
    private final Cache<String, ChainLink> lastLinks;

    public HashChainingEventStorageEngine(EventStorageEngine delegate, Serializer eventSerializer,
                                          PreviousHashLookup lookup, long cacheSize) {
        this.delegate = delegate;
        this.batchReads = TrackedBatchReads.of(delegate, TrackedBatchReads.DEFAULT_BATCH_SIZE);
        this.eventSerializer = eventSerializer;
        this.lookup = lookup;
        this.lastLinks = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** Reads the stored hash of an aggregate's event at a sequence number. */
    @FunctionalInterface
    public interface PreviousHashLookup {
        Optional<String> hashOf(String aggregateIdentifier, long sequenceNumber);
    }

    private record ChainLink(long sequenceNumber, String hash) {
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        Map<String, ChainLink> inBatch = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                chained.add(event);
                continue;
            }
            String aggregateId = domainEvent.getAggregateIdentifier();
            long sequence = domainEvent.getSequenceNumber();
            String previous = previousHash(aggregateId, sequence, inBatch.get(aggregateId));
            byte[] payload = eventSerializer.serialize(domainEvent.getPayload(), byte[].class).getData();
            String hash = HashChain.next(previous, payload);
            inBatch.put(aggregateId, new ChainLink(sequence, hash));
            chained.add(domainEvent.andMetaData(MetaData.with(HashChain.METADATA_KEY, hash)));
        }
        delegate.appendEvents(chained);
        lastLinks.putAll(inBatch);
    }

    private String previousHash(String aggregateId, long sequence, ChainLink fromBatch) {
        if (sequence == 0) {
            return HashChain.GENESIS;
        }
        ChainLink known = fromBatch != null ? fromBatch : lastLinks.getIfPresent(aggregateId);
        if (known != null && known.sequenceNumber() == sequence - 1) {
            return known.hash();
        }
        return lookup.hashOf(aggregateId, sequence - 1)
                .orElseThrow(() -> new IllegalStateException(
                        "no stored predecessor " + (sequence - 1) + " of aggregate " + aggregateId));
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public Batch readBatch(TrackingToken token) {
        return batchReads.readBatch(token);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(java.time.Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
