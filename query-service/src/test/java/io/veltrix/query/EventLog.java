package io.veltrix.query;

import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Appends events the way the command side does: domain events of the player (or hunt) aggregate
 * with consecutive sequence numbers, published on the event store inside a transactional unit of
 * work (so the after-commit NOTIFY fires). Reads them back in global order for the scoring fold.
 */
public final class EventLog {

    /** One event to append, with the timestamp it is recorded with. */
    public record Timed(Instant at, Object payload) {
    }

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final TransactionManager transactions;
    private final Map<String, Long> sequences;

    public EventLog(EventStore eventStore, EventStorageEngine storage, TransactionManager transactions) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.transactions = transactions;
        this.sequences = new ConcurrentHashMap<>();
    }

    public void append(Object... payloads) {
        List<Timed> timed = new ArrayList<>();
        Instant now = Instant.now();
        for (Object payload : payloads) {
            timed.add(new Timed(now, payload));
        }
        append(timed);
    }

    /**
     * Appends in one unit of work (one transaction). The aggregates' sequence numbers move on only
     * when it committed, so an append that failed can be tried again as it was.
     */
    public void append(List<Timed> events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        Map<String, Long> next = new java.util.HashMap<>();
        for (Timed event : events) {
            String aggregate = aggregateOf(event.payload());
            long sequence = next.merge(aggregate, sequences.getOrDefault(aggregate, -1L) + 1, (old, first) -> old + 1);
            messages.add(new GenericDomainEventMessage<>(typeOf(event.payload()), aggregate, sequence, event.payload(),
                    MetaData.emptyInstance(), java.util.UUID.randomUUID().toString(), event.at()));
        }
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactions);
        uow.execute(() -> eventStore.publish(messages));
        sequences.putAll(next);
    }

    /** A hunt's events as stored, in global order: the input of the reference fold. */
    public List<IndexedEvent> read(HuntId hunt) {
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
            return stream
                    .filter(m -> hunt.value().equals(accessor(m.getPayload(), "huntId")))
                    .map(m -> new IndexedEvent(IndexedJdbcEventStorageEngine.globalIndexOf(m), m.getTimestamp(),
                            m.getPayload()))
                    .toList();
        }
    }

    private static String typeOf(Object payload) {
        if (accessor(payload, "accountId") != null) {
            return "OrganizerAccount";
        }
        return accessor(payload, "teamId") != null ? "Team" : accessor(payload, "playerId") != null ? "Player" : "Hunt";
    }

    /** A team's events name the member who acted too: they are the team's. */
    private static String aggregateOf(Object payload) {
        String account = accessor(payload, "accountId");
        if (account != null) {
            return account;
        }
        String team = accessor(payload, "teamId");
        String player = accessor(payload, "playerId");
        return team != null ? team : player != null ? player : accessor(payload, "huntId");
    }

    private static String accessor(Object payload, String name) {
        try {
            Method method = payload.getClass().getMethod(name);
            Object value = method.invoke(payload);
            return value == null ? null : value.toString();
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inserts the player's find (sequence number 1: the player registered through this log and did
     * nothing else) on {@code open}, a connection in a transaction the caller commits later; returns
     * the global index it took. Until that commit, readers see a gap at that index.
     */
    public static long insertUncommittedFind(Connection open, PlayerId player, HuntId hunt, ClueId clue)
            throws Exception {
        byte[] payload = CanonicalJson.mapper().writeValueAsBytes(new ClueFound(player, hunt, clue, 10));
        try (PreparedStatement insert = open.prepareStatement("""
                INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 1, 'Player', ?, ?, '1', ?, ?) RETURNING global_index
                """)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, player.value());
            insert.setString(3, DateTimeUtils.formatInstant(Instant.now())); // as Axon writes it: milliseconds
            insert.setString(4, ClueFound.class.getName());
            insert.setBytes(5, payload);
            insert.setBytes(6, "{\"hash\":\"not-checked-here\"}".getBytes());
            try (ResultSet index = insert.executeQuery()) {
                index.next();
                return index.getLong(1);
            }
        }
    }
}
