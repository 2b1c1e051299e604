package io.veltrix.platform.eventstore.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.platform.eventstore.EventStoreTablesConfiguration;
import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A caught-up stream reads the store (a real PostgreSQL, Axon's JDBC engine) only when woken, however
 * often its processor asks whether there is more.
 */
class WakeableEventSourceTest {

    private final NewEventSignal signal = new NewEventSignal();
    private final AtomicInteger storeReads = new AtomicInteger();
    private JdbcEventStorageEngine storage;
    private JdbcEventStorageEngine.Builder engine;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void store() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(EmbeddedDatabase.freshDatabase());
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        EventStoreSchema.migrate(dataSource);
        ConnectionProvider counting = () -> {
            storeReads.incrementAndGet();
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        };
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        engine = JdbcEventStorageEngine.builder()
                .connectionProvider(counting)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventStoreTablesConfiguration().eventSchema())
                .dataType(byte[].class)
                .eventSerializer(json)
                .snapshotSerializer(json);
        storage = new IndexedJdbcEventStorageEngine(engine);
    }

    private void append(String payload) {
        storage.appendEvents(GenericEventMessage.asEventMessage(payload));
    }

    @Test
    void aDrainedStreamAsksTheStoreAgainOnlyAfterAWakeUp() throws Exception {
        append("one");
        append("two");
        WakeableEventSource source = new WakeableEventSource(storage, signal);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("one");
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("two");
            assertThat(stream.hasNextAvailable()).isFalse();
            int drained = storeReads.get();

            for (int i = 0; i < 100; i++) {
                assertThat(stream.hasNextAvailable()).isFalse();
                assertThat(stream.peek()).isEmpty();
            }
            assertThat(storeReads.get()).as("store reads while nothing woke the stream").isEqualTo(drained);

            append("three");
            assertThat(stream.hasNextAvailable()).as("not woken yet").isFalse();
            signal.wake();
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("three");
        }
    }

    @Test
    void wakeUpsWithinTheMinimumIntervalCostOneReadAndTheProcessorIsToldOnceWhenItMayRead() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal, Duration.ofMillis(300));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            AtomicInteger told = new AtomicInteger();
            CountDownLatch allowed = new CountDownLatch(1);
            stream.setOnAvailableCallback(() -> {
                told.incrementAndGet();
                allowed.countDown();
            });
            long beforeFirstRead = System.nanoTime();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("one");
            assertThat(stream.hasNextAvailable()).isFalse();

            append("two");
            int afterFirstRead = storeReads.get();
            for (int i = 0; i < 50; i++) {
                signal.wake();
                stream.peek();
            }
            assertThat(storeReads.get()).as("reads during the interval").isEqualTo(afterFirstRead);
            assertThat(told.get()).as("processor told during the interval").isZero();

            assertThat(allowed.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - beforeFirstRead).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("two");
            assertThat(told.get()).as("told for fifty wake-ups").isEqualTo(1);

            Thread.sleep(350);
            signal.wake();
            assertThat(told.get()).as("a wake-up after the interval tells it at once").isEqualTo(2);
        }
    }

    @Test
    void aBlockingReaderWokenTooSoonWaitsForTheIntervalInsteadOfSpinning() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal, Duration.ofMillis(200));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("one");
            assertThat(stream.hasNextAvailable()).isFalse();
            append("two");
            int reads = storeReads.get();
            signal.wake();

            assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("two");
            assertThat(storeReads.get() - reads).as("one read for the wake-up").isEqualTo(1);
        }
    }

    @Test
    void aWokenCaughtUpStreamCostsOneQueryNotAnEmptyOneAfterItsBatch() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("one");
            assertThat(stream.hasNextAvailable()).isFalse();
            append("two");
            append("three");
            int before = storeReads.get();
            signal.wake();

            assertThat(stream.nextAvailable().getPayload()).isEqualTo("two");
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("three");
            assertThat(stream.hasNextAvailable()).isFalse();
            assertThat(storeReads.get() - before).as("queries for one wake-up").isEqualTo(1);
        }
    }

    @Test
    void aFullBatchIsFollowedByTheNextWithoutAWakeUp() throws Exception {
        storage = new IndexedJdbcEventStorageEngine(engine.batchSize(2));
        for (int i = 1; i <= 5; i++) {
            append("e" + i);
        }
        WakeableEventSource source = new WakeableEventSource(storage, signal);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            List<Object> seen = new ArrayList<>();
            while (stream.hasNextAvailable()) {
                seen.add(stream.nextAvailable().getPayload());
            }
            assertThat(seen).containsExactly("e1", "e2", "e3", "e4", "e5");
        }
    }

    @Test
    void streamsWokenTogetherAtTheSamePositionShareOneRead() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal);
        int streams = 4;
        List<BlockingStream<TrackedEventMessage<?>>> open = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("one");
            assertThat(stream.hasNextAvailable()).isFalse();
            open.add(stream);
        }
        append("two");
        append("three");
        int before = storeReads.get();
        signal.wake();

        ExecutorService processors = Executors.newFixedThreadPool(streams);
        try {
            CyclicBarrier together = new CyclicBarrier(streams);
            List<Future<List<Object>>> read = new ArrayList<>();
            for (BlockingStream<TrackedEventMessage<?>> stream : open) {
                read.add(processors.submit(() -> {
                    together.await();
                    List<Object> seen = new ArrayList<>();
                    while (stream.hasNextAvailable()) {
                        seen.add(stream.nextAvailable().getPayload());
                    }
                    return seen;
                }));
            }
            for (Future<List<Object>> seen : read) {
                assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("two", "three");
            }
        } finally {
            processors.shutdownNow();
            open.forEach(BlockingStream::close);
        }
        assertThat(storeReads.get() - before).as("queries for four streams woken once").isEqualTo(1);

        // a stream behind the others reads for itself, from its own position
        try (BlockingStream<TrackedEventMessage<?>> late = source.openStream(null)) {
            assertThat(late.nextAvailable().getPayload()).isEqualTo("one");
        }
    }

    @Test
    void gapsWiderThanABatchCostNoExtraQueryAndAGapFilledLaterIsDelivered() throws Exception {
        storage = new IndexedJdbcEventStorageEngine(engine.batchSize(2));
        append("one");
        try (Connection late = dataSource.getConnection(); Connection other = dataSource.getConnection()) {
            late.setAutoCommit(false);
            // a writer that took index 2 and commits after everything below
            late.createStatement().execute("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT 'late-event', 'late-aggregate', 0, type, time_stamp, payload_type, payload_revision,
                        convert_to('"late"', 'UTF8'), meta_data
                    FROM domain_event_entry WHERE global_index = 1""");
            // five indexes never used (rolled back writers)
            other.createStatement().execute(
                    "SELECT nextval('domain_event_entry_global_index_seq') FROM generate_series(1, 5)");
            append("two");
            append("three");

            WakeableEventSource source = new WakeableEventSource(storage, signal);
            try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
                int before = storeReads.get();
                List<Object> seen = new ArrayList<>();
                while (stream.hasNextAvailable()) {
                    seen.add(stream.nextAvailable().getPayload());
                }
                assertThat(seen).containsExactly("one", "two", "three");
                assertThat(storeReads.get() - before).as("a full batch, then the rest").isEqualTo(2);

                late.commit();
                signal.wake();
                assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
                assertThat(stream.nextAvailable().getPayload()).isEqualTo("late");
            }
        }
    }

    @Test
    void aStreamWokenAfterTheSignalMovedAgainStillTakesAReadStartedMomentsBefore() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal, Duration.ZERO, Duration.ofSeconds(30));
        try (BlockingStream<TrackedEventMessage<?>> first = source.openStream(null);
             BlockingStream<TrackedEventMessage<?>> second = source.openStream(null)) {
            assertThat(first.nextAvailable().getPayload()).isEqualTo("one");
            assertThat(second.nextAvailable().getPayload()).isEqualTo("one");
            append("two");
            signal.wake();
            assertThat(first.nextAvailable().getPayload()).isEqualTo("two");
            int afterFirst = storeReads.get();

            signal.wake(); // another writer's NOTIFY, before the second processor got to read
            assertThat(second.nextAvailable().getPayload()).isEqualTo("two");
            assertThat(storeReads.get()).as("the second stream's read").isEqualTo(afterFirst);

            // ... and, its read being older than the last wake-up, it reads again for itself
            append("three");
            assertThat(second.hasNextAvailable()).isTrue();
            assertThat(second.nextAvailable().getPayload()).isEqualTo("three");
        }
    }

    @Test
    void aStreamThatFoundNothingDoesNotTakeThatAnswerAgainWhenWoken() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal, Duration.ZERO, Duration.ofSeconds(30));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("one");
            int before = storeReads.get();
            signal.wake();
            assertThat(stream.hasNextAvailable()).as("woken, nothing new").isFalse();
            assertThat(storeReads.get() - before).as("queries for a wake-up with nothing new").isEqualTo(1);

            append("two");
            signal.wake();
            assertThat(stream.hasNextAvailable()).as("woken, something new").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("two");
        }
    }
}
