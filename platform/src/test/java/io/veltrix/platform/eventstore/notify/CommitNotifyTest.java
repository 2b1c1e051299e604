package io.veltrix.platform.eventstore.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.testsupport.EmbeddedDatabase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** The two halves over a real PostgreSQL: a signal after commit wakes the listener; bursts coalesce. */
class CommitNotifyTest {

    private final NewEventSignal signal = new NewEventSignal();
    private CommitNotifier notifier;
    private CommitListener listener;

    @BeforeEach
    void start() throws Exception {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(EmbeddedDatabase.freshDatabase());
        properties.setUsername("postgres");
        properties.setPassword("postgres");
        NotifyConnections connections = new NotifyConnections(properties, null);
        // a fallback poll far beyond the test's waits: only a notification can wake the signal
        listener = new CommitListener(connections, signal, "veltrix_test", 60_000, 100);
        notifier = new CommitNotifier(connections, "veltrix_test", 20, 100);
        listener.start();
        notifier.start();
        long connected = signal.version();
        while (connected == 0) { // the listener wakes once when it starts listening
            signal.awaitChange(connected, 10, TimeUnit.SECONDS);
            connected = signal.version();
        }
    }

    @AfterEach
    void stop() {
        notifier.stop();
        listener.stop();
    }

    @Test
    void aSignalWakesTheListeningSide() throws Exception {
        long before = signal.version();
        notifier.signal();
        assertThat(signal.awaitChange(before, 10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBurstOfCommitsCostsFewNotifications() throws Exception {
        long before = signal.version();
        for (int i = 0; i < 1000; i++) {
            notifier.signal();
        }
        assertThat(signal.awaitChange(before, 10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        // 1,000 commits within a few milliseconds, at most one NOTIFY per 20 ms
        assertThat(signal.version() - before).isBetween(1L, 20L);
    }

    @Test
    void aCallbackRunsOnEveryWakeUpUntilClosed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        AutoCloseable registration = signal.onWake(calls::incrementAndGet);
        notifier.signal();
        // The version is bumped before callbacks run: wait for the callback itself.
        for (int i = 0; i < 100 && calls.get() == 0; i++) {
            Thread.sleep(100);
        }
        registration.close();
        Thread.sleep(100);
        int seen = calls.get();
        notifier.signal();
        Thread.sleep(300);
        assertThat(seen).isGreaterThanOrEqualTo(1);
        assertThat(calls.get()).isEqualTo(seen);
    }
}
