package io.veltrix.platform.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veltrix.api.audit.CanonicalJson;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC engine, with every event read from the stream carrying its own global index in its
 * metadata ({@link #GLOBAL_INDEX}). A streaming reader's token position is the highest index seen,
 * so an event delivered late, filling a gap left by a transaction that committed after a later
 * one, shares its position with that later event: projections that key facts by position would
 * lose it. The stored rows are not touched.
 */
public class IndexedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Metadata key of an event's own position in the store's global order (a number). */
    public static final String GLOBAL_INDEX = "globalIndex";

    private static final ObjectMapper JSON = CanonicalJson.mapper();

    public IndexedJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    /** The global index of an event read from the stream. */
    public static long globalIndexOf(EventMessage<?> event) {
        Object index = event.getMetaData().get(GLOBAL_INDEX);
        if (!(index instanceof Number number)) {
            throw new IllegalStateException("event " + event.getIdentifier() + " carries no global index");
        }
        return number.longValue();
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> tracked = super.getTrackedEventData(resultSet, previousToken);
        long globalIndex = resultSet.getLong(schema().globalIndexColumn());
        DomainEventData<?> event = (DomainEventData<?>) tracked;
        byte[] metaData = withIndex((byte[]) event.getMetaData().getData(), globalIndex);
        GenericDomainEventEntry<byte[]> indexed = new GenericDomainEventEntry<>(event.getType(),
                event.getAggregateIdentifier(), event.getSequenceNumber(), event.getEventIdentifier(),
                event.getTimestamp(), event.getPayload().getType().getName(), event.getPayload().getType().getRevision(),
                (byte[]) event.getPayload().getData(), metaData);
        TrackingToken token = tracked.trackingToken();
        return new TrackedDomainEventData<>(token, indexed);
    }

    private static byte[] withIndex(byte[] metaData, long globalIndex) {
        try {
            ObjectNode node = metaData == null || metaData.length == 0
                    ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(metaData);
            node.put(GLOBAL_INDEX, globalIndex);
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable metadata of the event at index " + globalIndex, e);
        }
    }
}
