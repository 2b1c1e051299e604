package io.veltrix.platform.eventstore.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.platform.eventstore.EventStoreAutoConfiguration;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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

    @BeforeEach
    void store() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(EmbeddedDatabase.freshDatabase());
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        EventStoreAutoConfiguration configuration = new EventStoreAutoConfiguration();
        configuration.eventStoreSchema(dataSource);
        ConnectionProvider counting = () -> {
            storeReads.incrementAndGet();
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            return connection;
        };
        JacksonSerializer json = JacksonSerializer.defaultSerializer();
        storage = JdbcEventStorageEngine.builder()
                .connectionProvider(counting)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(configuration.eventSchema())
                .dataType(byte[].class)
                .eventSerializer(json)
                .snapshotSerializer(json)
                .build();
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
    void wakeUpsWithinTheMinimumIntervalCostOneReadAndTheProcessorIsToldWhenItMayRead() throws Exception {
        append("one");
        WakeableEventSource source = new WakeableEventSource(storage, signal, Duration.ofMillis(300));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null)) {
            CountDownLatch told = new CountDownLatch(1);
            stream.setOnAvailableCallback(told::countDown);
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

            // the wake-ups ran the callback at once; it must come again when the read is allowed
            CountDownLatch again = new CountDownLatch(1);
            stream.setOnAvailableCallback(again::countDown);
            stream.peek();
            assertThat(again.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - beforeFirstRead).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("two");
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
}
