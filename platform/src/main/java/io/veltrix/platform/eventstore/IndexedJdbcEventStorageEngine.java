package io.veltrix.platform.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veltrix.api.audit.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.sql.Types;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Axon's JDBC engine, with every event read from the stream carrying its own global index in its
 * metadata ({@link #GLOBAL_INDEX}). A streaming reader's token position is the highest index seen,
 * so an event delivered late, filling a gap left by a transaction that committed after a later
 * one, shares its position with that later event: projections that key facts by position would
 * lose it. The stored rows are not touched.
 */
public class IndexedJdbcEventStorageEngine extends JdbcEventStorageEngine implements TrackedBatchReads, PageReads {

    /** Metadata key of an event's own position in the store's global order (a number). */
    public static final String GLOBAL_INDEX = "globalIndex";

    private static final ObjectMapper JSON = CanonicalJson.mapper();

    /**
     * Gap entries the tokens of one read's events may hold together. Each event read carries a
     * token of its own, and Axon's {@link GapAwareTrackingToken} copies its set of gaps on every
     * advance: n events behind g gaps hold n × g entries of ~40 bytes. Gaps are remembered for the
     * gap timeout, and a batch that loses a sequence clash leaves its whole block of indexes
     * unused: a few such clashes left 364 gaps behind a replay's first page of 5,000 events, 1.8
     * million entries, more than the query service's heap. A read stops where its events' tokens
     * would hold more than this (the first event always comes), and the next read goes on from there.
     */
    public static final int GAP_ENTRIES_PER_READ = 100_000;

    /** While this thread reads a batch or page: that read (what it decodes, what its tokens may still hold). */
    private final ThreadLocal<Read> reading = new ThreadLocal<>();

    /**
     * Axon's "extended gap check" is off: it follows every empty read with a look for the next
     * index, for an index range full of gaps; this engine reads by count ({@link #readEventData}),
     * so an empty read already means nothing after the token has committed.
     */
    public IndexedJdbcEventStorageEngine(Builder builder) {
        super(builder.extendedGapCheckEnabled(false));
    }

    /** The global index of an event read from the stream or a page. */
    public static long globalIndexOf(EventMessage<?> event) {
        if (event instanceof PageEvent<?> paged) {
            return paged.globalIndex();
        }
        Object index = event.getMetaData().get(GLOBAL_INDEX);
        if (!(index instanceof Number number)) {
            throw new IllegalStateException("event " + event.getIdentifier() + " carries no global index");
        }
        return number.longValue();
    }

    /** One query; a batch of {@link #batchSize()} events may have more behind it (see {@link #readEventData}). */
    @Override
    public Batch readBatch(TrackingToken token) {
        Read read = new Read(null, readLength(token, batchSize()));
        List<? extends TrackedEventData<?>> batch = fetch(read, token);
        if (batch.isEmpty()) {
            return Batch.EMPTY;
        }
        List<? extends TrackedEventMessage<?>> events = EventUtils.upcastAndDeserializeTrackedEvents(
                batch.stream(), getEventSerializer(), upcasterChain).toList();
        return new Batch(events, read.cut() || events.size() >= read.length);
    }

    /**
     * A read's length: {@code limit}, or fewer when the token's own gaps would take the events'
     * tokens past {@link #GAP_ENTRIES_PER_READ} (no use asking for rows the read would drop).
     */
    static int readLength(TrackingToken token, int limit) {
        int gaps = token instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps().size() : 0;
        return Math.max(1, Math.min(limit, GAP_ENTRIES_PER_READ / (gaps + 1)));
    }

    /** The rows of one query of {@code read.length} events after {@code token}: those after the read's cut are dropped. */
    private List<? extends TrackedEventData<?>> fetch(Read read, TrackingToken token) {
        reading.set(read);
        try {
            List<? extends TrackedEventData<?>> rows = fetchTrackedEvents(token, read.length);
            return rows.subList(0, Math.min(rows.size(), read.admitted));
        } finally {
            reading.remove();
        }
    }

    /**
     * One query of {@code limit} events (Axon's, with its gap handling); the rows {@code wanted}
     * refuses are not built into events, the others are upcast and deserialized as by the stream.
     */
    @Override
    public Page readPage(TrackingToken token, int limit, Predicate<String> wanted) {
        List<? extends TrackedEventData<?>> rows = fetch(new Read(wanted, readLength(token, limit)), token);
        if (rows.isEmpty()) {
            return new Page(List.of(), null, 0);
        }
        List<IndexedRow> kept = new ArrayList<>(rows.size());
        for (TrackedEventData<?> row : rows) {
            if (row instanceof IndexedRow indexed) { // the others are skipped rows: only a token
                kept.add(indexed);
            }
        }
        return new Page(kept.isEmpty() ? List.of() : pageEvents(kept), rows.get(rows.size() - 1).trackingToken(),
                rows.size());
    }

    /**
     * A page's rows upcast as by the stream, each built into a {@link PageEvent}: payload and
     * timestamp decoded now, metadata when asked, the index from the row. A row an upcaster changed
     * is built as Axon builds it, with its metadata decoded now (the upcaster's view of it may hold
     * the stored row).
     */
    private List<TrackedEventMessage<?>> pageEvents(List<IndexedRow> rows) {
        Serializer serializer = getEventSerializer();
        return upcasterChain.upcast(rows.stream().map(row -> new IndexedRepresentation(row, serializer)))
                .<TrackedEventMessage<?>>map(event -> pageEvent(event, serializer))
                .toList();
    }

    private static TrackedEventMessage<?> pageEvent(IntermediateEventRepresentation event, Serializer serializer) {
        Object payload = serializer.deserialize(event.getData());
        TrackingToken token = event.getTrackingToken().orElseThrow();
        Instant at = event.getTimestamp();
        if (event instanceof IndexedRepresentation indexed && event.getAggregateIdentifier().isPresent()) {
            return PageEvent.of(token, event.getAggregateType().orElse(null), event.getAggregateIdentifier().get(),
                    event.getSequenceNumber().orElseThrow(), event.getMessageIdentifier(), payload, event.getMetaData(),
                    at, indexed.globalIndex);
        }
        SerializedMessage<?> message = new SerializedMessage<>(event.getMessageIdentifier(),
                new LazyDeserializingObject<>(payload), new LazyDeserializingObject<>(event.getMetaData().getObject()));
        return event.getAggregateIdentifier().isPresent()
                ? new GenericTrackedDomainEventMessage<>(token, event.getAggregateType().orElse(null),
                        event.getAggregateIdentifier().get(), event.getSequenceNumber().orElseThrow(), message, () -> at)
                : new GenericTrackedEventMessage<>(token, message, () -> at);
    }

    /**
     * The next {@code batchSize} events after the token's index, and those of its gaps that have
     * committed since. Axon's statement reads the index range {@code (index, index + batchSize]}
     * instead: a batch cut short by gaps then says nothing about what lies after the range, and a
     * range of gaps only gives an empty answer (which the engine follows with a look for the next
     * index). Counted, a batch shorter than {@code batchSize} means the reader has seen everything
     * committed when it read.
     */
    @Override
    protected PreparedStatement readEventData(Connection connection, TrackingToken lastToken, int batchSize)
            throws SQLException {
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken;
        long index = token == null ? -1 : token.getIndex();
        List<Long> gaps = token == null ? List.of() : List.copyOf(token.getGaps());
        EventSchema schema = schema();
        String next = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " > ? ORDER BY " + schema.globalIndexColumn()
                + " ASC LIMIT ?";
        String sql = gaps.isEmpty() ? next
                : "(" + next + ") UNION ALL (SELECT " + schema.trackedEventFields() + " FROM "
                        + schema.domainEventTable() + " WHERE " + schema.globalIndexColumn() + " IN ("
                        + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")) ORDER BY "
                        + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, index);
        statement.setInt(2, batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    /**
     * Axon's insert, with the global index column written: an event that names its index in its
     * metadata ({@link #GLOBAL_INDEX}, which its chain hash covers) is stored at that index and the
     * key is not stored; any other takes the next value of the column's sequence, as by default.
     */
    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        EventSchema schema = schema();
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.globalIndexColumn() + ", "
                + schema.domainEventFields() + ") VALUES (COALESCE(?, nextval('" + schema.domainEventTable() + "_"
                + schema.globalIndexColumn() + "_seq')),?,?,?,?,?,?,?,?,?)";
        PreparedStatement statement = connection.prepareStatement(sql);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain ? domain
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message, message::getTimestamp);
            Object index = event.getMetaData().get(GLOBAL_INDEX);
            if (index instanceof Number number) {
                statement.setLong(1, number.longValue());
                event = event.withMetaData(event.getMetaData().withoutKeys(Set.of(GLOBAL_INDEX)));
            } else {
                statement.setNull(1, Types.BIGINT);
            }
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            statement.setString(2, event.getIdentifier());
            statement.setString(3, event.getAggregateIdentifier());
            statement.setLong(4, event.getSequenceNumber());
            statement.setString(5, event.getType());
            writeTimestamp(statement, 6, event.getTimestamp());
            statement.setString(7, payload.getType().getName());
            statement.setString(8, payload.getType().getRevision());
            statement.setBytes(9, payload.getData());
            statement.setBytes(10, metaData.getData());
            statement.addBatch();
        }
        return statement;
    }

    /**
     * Axon's row, with the index in the metadata and the timestamp kept as read. The row right
     * after the token's index, with no gap behind it, takes the next token directly: Axon parses
     * every row's timestamp to decide whether a gap before it is still awaited, and here there is
     * none either way (its token is the same). A row a page read does not want is only a token.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        Read read = reading.get();
        if (read == null) {
            return trackedEventData(resultSet, previousToken, null);
        }
        if (read.cut()) {
            return read.unread;
        }
        TrackedEventData<?> row = trackedEventData(resultSet, previousToken, read.wanted);
        return read.admit((GapAwareTrackingToken) row.trackingToken(), previousToken) ? row : read.unread;
    }

    /** {@code wanted}: the payload types to decode (the others only move the token), or null for all. */
    private TrackedEventData<?> trackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken,
                                                 Predicate<String> wanted) throws SQLException {
        EventSchema schema = schema();
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        if (previousToken != null && previousToken.getGaps().isEmpty() && globalIndex == previousToken.getIndex() + 1) {
            TrackingToken token = GapAwareTrackingToken.newInstance(globalIndex, Collections.emptySortedSet());
            if (wanted != null && !wanted.test(resultSet.getString(schema.payloadTypeColumn()))) {
                return new Skipped(token);
            }
            String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
            String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
            byte[] metaData = withIndex(readPayload(resultSet, schema.metaDataColumn()), globalIndex);
            return new IndexedRow(token, new IndexedEntry(resultSet.getString(schema.typeColumn()),
                    eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                    resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                    readTimeStamp(resultSet, schema.timestampColumn()), resultSet.getString(schema.payloadTypeColumn()),
                    resultSet.getString(schema.payloadRevisionColumn()), readPayload(resultSet, schema.payloadColumn()),
                    metaData), globalIndex);
        }
        TrackedEventData<?> tracked = super.getTrackedEventData(resultSet, previousToken);
        TrackingToken token = tracked.trackingToken();
        DomainEventData<?> event = (DomainEventData<?>) tracked;
        if (wanted != null && !wanted.test(event.getPayload().getType().getName())) {
            return new Skipped(token);
        }
        byte[] metaData = withIndex((byte[]) event.getMetaData().getData(), globalIndex);
        // the stored timestamp text as read: parsing it here and formatting it again was a fifth of a replay's reading
        return new IndexedRow(token, new IndexedEntry(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), event.getEventIdentifier(), readTimeStamp(resultSet, schema.timestampColumn()),
                event.getPayload().getType().getName(), event.getPayload().getType().getRevision(),
                (byte[]) event.getPayload().getData(), metaData), globalIndex);
    }

    /**
     * One batch or page read: the payload types it decodes ({@code wanted}, null for all), how many
     * events it asks for, and what its events' tokens may still hold ({@link #GAP_ENTRIES_PER_READ}).
     * Once a row's token would take them past it, that row and every one after it are cut: each is
     * answered with the same {@link #unread} marker (no token built, the previous one passed on),
     * and the read keeps only the {@link #admitted} rows before it.
     */
    private static final class Read {

        private final Predicate<String> wanted;
        private final int length;
        private long entriesLeft = GAP_ENTRIES_PER_READ;
        private int admitted;
        private Skipped unread;

        Read(Predicate<String> wanted, int length) {
            this.wanted = wanted;
            this.length = length;
        }

        boolean cut() {
            return unread != null;
        }

        /** Whether the row with {@code token} fits; the first row of a read always does. */
        boolean admit(GapAwareTrackingToken token, GapAwareTrackingToken previous) {
            entriesLeft -= token.getGaps().size();
            if (entriesLeft < 0 && admitted > 0) {
                unread = new Skipped(previous);
                return false;
            }
            admitted++;
            return true;
        }
    }

    /** A row a page read does not decode: only the token after it. */
    private record Skipped(TrackingToken trackingToken) implements TrackedEventData<byte[]> {

        @Override
        public String getEventIdentifier() {
            throw new UnsupportedOperationException("a skipped row");
        }

        @Override
        public Instant getTimestamp() {
            throw new UnsupportedOperationException("a skipped row");
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            throw new UnsupportedOperationException("a skipped row");
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            throw new UnsupportedOperationException("a skipped row");
        }
    }

    /** A row read with its global index (also in its metadata). */
    private static final class IndexedRow extends TrackedDomainEventData<byte[]> {

        private final long globalIndex;

        IndexedRow(TrackingToken token, IndexedEntry entry, long globalIndex) {
            super(token, entry);
            this.globalIndex = globalIndex;
        }
    }

    /** A row as upcasters see it, the row's index kept for the event built from it. */
    private static final class IndexedRepresentation extends InitialEventRepresentation {

        private final long globalIndex;

        IndexedRepresentation(IndexedRow row, Serializer serializer) {
            super(row, serializer);
            this.globalIndex = row.globalIndex;
        }
    }

    /** A stored event with its index in the metadata, reading its timestamp with {@link StoredTimestamps}. */
    private static final class IndexedEntry extends GenericDomainEventEntry<byte[]> {

        private final Object timestamp;

        IndexedEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                     Object timestamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp instanceof String text ? StoredTimestamps.parse(text) : super.getTimestamp();
        }
    }

    /**
     * The stored metadata object with the index as one more field. Stored metadata is a JSON object
     * written by Jackson, so the field is spliced in before its closing brace; anything else is
     * parsed and written again.
     */
    static byte[] withIndex(byte[] metaData, long globalIndex) {
        int close = metaData == null ? -1 : lastNonBlank(metaData, metaData.length - 1);
        if (close > 0 && metaData[close] == '}' && metaData[0] == '{') {
            boolean empty = lastNonBlank(metaData, close - 1) == 0;
            byte[] field = ((empty ? "\"" : ",\"") + GLOBAL_INDEX + "\":" + globalIndex + "}")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] indexed = Arrays.copyOf(metaData, close + field.length);
            System.arraycopy(field, 0, indexed, close, field.length);
            return indexed;
        }
        try {
            ObjectNode node = metaData == null || metaData.length == 0
                    ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(metaData);
            node.put(GLOBAL_INDEX, globalIndex);
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable metadata of the event at index " + globalIndex, e);
        }
    }

    private static int lastNonBlank(byte[] bytes, int from) {
        int i = from;
        while (i >= 0 && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i--;
        }
        return i;
    }
}
