package io.veltrix.platform.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Stamps every appended domain event with its stream's chain hash (version
 * {@link HashChain#CURRENT_VERSION}, see {@link HashChain}) and delegates storage. The link covers
 * every column scoring and replay read, the global index included: the indexes of a batch are
 * taken from the store's sequence in one query before hashing, and the event carries its index to
 * {@link IndexedJdbcEventStorageEngine} in its metadata, which stores it in the index column rather
 * than letting the column default take another. The previous hash comes from a bounded cache keyed
 * by the exact preceding sequence number, so a stale entry (a rolled-back append, another
 * instance's write) is never used: on a miss the stored predecessor is read.
 */
public class HashChainingEventStorageEngine implements EventStorageEngine, TrackedBatchReads, PageReads {

    private final EventStorageEngine delegate;
    private final TrackedBatchReads batchReads;
    private final Serializer eventSerializer;
    private final PreviousHashLookup lookup;
    private final IndexAllocator indexes;
    private final Cache<String, ChainLink> lastLinks;
    private final ObjectMapper json = CanonicalJson.mapper();

    public HashChainingEventStorageEngine(EventStorageEngine delegate, Serializer eventSerializer,
                                          PreviousHashLookup lookup, IndexAllocator indexes, long cacheSize) {
        this.delegate = delegate;
        this.batchReads = TrackedBatchReads.of(delegate, TrackedBatchReads.DEFAULT_BATCH_SIZE);
        this.eventSerializer = eventSerializer;
        this.lookup = lookup;
        this.indexes = indexes;
        this.lastLinks = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** Reads the stored hash of an aggregate's event at a sequence number. */
    @FunctionalInterface
    public interface PreviousHashLookup {
        Optional<String> hashOf(String aggregateIdentifier, long sequenceNumber);
    }

    /** Takes {@code count} global indexes from the store's sequence, in ascending order. */
    @FunctionalInterface
    public interface IndexAllocator {
        long[] next(int count);
    }

    private record ChainLink(long sequenceNumber, String hash) {
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        long domainEvents = events.stream().filter(DomainEventMessage.class::isInstance).count();
        long[] indexes = domainEvents == 0 ? new long[0] : this.indexes.next((int) domainEvents);
        int nextIndex = 0;
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        Map<String, ChainLink> inBatch = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent)) {
                chained.add(event);
                continue;
            }
            String aggregateId = domainEvent.getAggregateIdentifier();
            long sequence = domainEvent.getSequenceNumber();
            long index = indexes[nextIndex++];
            String previous = previousHash(aggregateId, sequence, inBatch.get(aggregateId));
            MetaData metaData = domainEvent.getMetaData()
                    .withoutKeys(Set.of(HashChain.METADATA_KEY, IndexedJdbcEventStorageEngine.GLOBAL_INDEX))
                    .and(HashChain.VERSION_KEY, HashChain.CURRENT_VERSION);
            SerializedObject<byte[]> payload = eventSerializer.serialize(domainEvent.getPayload(), byte[].class);
            String hash = HashChain.next(previous, new HashChain.Covered(index,
                    // the store keeps milliseconds (Axon writes three fraction digits, cut, not rounded)
                    domainEvent.getTimestamp().truncatedTo(ChronoUnit.MILLIS), payload.getType().getName(),
                    payload.getType().getRevision(), aggregateId, sequence,
                    CanonicalJson.canonicalBytes(json.valueToTree(metaData)), payload.getData()));
            inBatch.put(aggregateId, new ChainLink(sequence, hash));
            chained.add(domainEvent.withMetaData(metaData.and(HashChain.METADATA_KEY, hash)
                    .and(IndexedJdbcEventStorageEngine.GLOBAL_INDEX, index)));
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

    /** The delegate's page reads; a delegate without them is refused (check {@link #pageReads()} first). */
    @Override
    public Page readPage(TrackingToken token, int limit, Predicate<String> wanted) {
        if (!(delegate instanceof PageReads pages)) {
            throw new UnsupportedOperationException("the storage engine reads no pages");
        }
        return pages.readPage(token, limit, wanted);
    }

    /** Whether {@link #readPage} works: the delegate has page reads. */
    public boolean pageReads() {
        return delegate instanceof PageReads;
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
