package io.veltrix.platform.eventstore.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as a source for streaming processors that reads only when woken: reading is the
 * storage engine's own (so Axon's gap-aware tokens keep their gap handling), and a caught-up
 * stream reads again only after {@link NewEventSignal} moved — a NOTIFY from a writer or the
 * listener's fallback tick — instead of polling on a fixed delay, and at most once per
 * {@code minReadInterval}.
 */
public final class WakeableEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** The bean name processors refer to in {@code axon.eventhandling.processors.<name>.source}. */
    public static final String BEAN_NAME = "wakeableEventSource";

    private final EventStorageEngine storage;
    private final NewEventSignal signal;
    private final long minReadIntervalNanos;
    /** Runs a reader's availability callback once its next read is allowed. */
    private final ScheduledExecutorService rechecks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wakeable-event-source-recheck");
        thread.setDaemon(true);
        return thread;
    });

    public WakeableEventSource(EventStorageEngine storage, NewEventSignal signal) {
        this(storage, signal, Duration.ZERO);
    }

    /**
     * @param minReadInterval a stream reads the store at most this often, however often it is woken:
     *                        each wake-up that finds it caught up costs a read (and, when it comes back
     *                        empty, the engine's look past a gap); coalescing them gives each
     *                        processor fewer, fuller batches, at the price of up to this much lag
     */
    public WakeableEventSource(EventStorageEngine storage, NewEventSignal signal, Duration minReadInterval) {
        this.storage = storage;
        this.signal = signal;
        this.minReadIntervalNanos = minReadInterval.toNanos();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakeableStream(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return storage.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return storage.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return storage.createTokenAt(dateTime);
    }

    private final class WakeableStream implements BlockingStream<TrackedEventMessage<?>> {

        private TrackingToken last;
        private Stream<? extends TrackedEventMessage<?>> reading;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> next;
        /** The signal version at the start of the last read; -1 forces the first read. */
        private long readAtVersion = -1;
        /** {@link System#nanoTime()} before which the store is not read again. */
        private long nextReadAt = System.nanoTime();
        private volatile Runnable onAvailable;
        private final AtomicBoolean recheckScheduled = new AtomicBoolean();
        private AutoCloseable callback;

        WakeableStream(TrackingToken from) {
            this.last = from;
        }

        /** True when an event is ready in {@code next}; reads the store only if woken since the last read. */
        private boolean fill() {
            if (next != null) {
                return true;
            }
            if (iterator != null) {
                if (iterator.hasNext()) {
                    next = iterator.next();
                    return true;
                }
                // Drained. The storage engine's tracked stream never ends: every further hasNext()
                // would query the store again, as often as the processor asks.
                closeReading();
            }
            long version = signal.version();
            if (version == readAtVersion) {
                return false;
            }
            long now = System.nanoTime();
            if (now < nextReadAt) {
                recheckAt(nextReadAt - now);
                return false;
            }
            // Take the version before reading: a commit during the read wakes us for another one.
            readAtVersion = version;
            nextReadAt = now + minReadIntervalNanos;
            closeReading();
            reading = storage.readEvents(last, false);
            iterator = reading.iterator();
            if (iterator.hasNext()) {
                next = iterator.next();
                return true;
            }
            return false;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return fill() ? Optional.of(next) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!fill()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (!awaitRead(left)) {
                    return fill();
                }
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!fill()) {
                awaitRead(TimeUnit.SECONDS.toNanos(1));
            }
            TrackedEventMessage<?> message = next;
            next = null;
            last = message.trackingToken();
            return message;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            closeCallback();
            this.onAvailable = callback;
            this.callback = signal.onWake(callback);
            return true;
        }

        /**
         * Waits at most {@code maxNanos} for a read to be due; false when nothing woke the stream.
         * Woken but too soon after the last read, it waits for the next read allowed.
         */
        private boolean awaitRead(long maxNanos) throws InterruptedException {
            if (signal.version() != readAtVersion) {
                TimeUnit.NANOSECONDS.sleep(Math.min(maxNanos, Math.max(0, nextReadAt - System.nanoTime())));
                return true;
            }
            return signal.awaitChange(readAtVersion, maxNanos, TimeUnit.NANOSECONDS);
        }

        /** A wake-up came too soon after the last read: tell the processor again when it may read. */
        private void recheckAt(long delayNanos) {
            if (onAvailable != null && recheckScheduled.compareAndSet(false, true)) {
                rechecks.schedule(() -> {
                    recheckScheduled.set(false);
                    Runnable callback = onAvailable; // the processor's callback of the moment
                    if (callback != null) {
                        callback.run();
                    }
                }, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void close() {
            closeReading();
            closeCallback();
        }

        private void closeReading() {
            if (reading != null) {
                reading.close();
            }
            reading = null;
            iterator = null;
        }

        private void closeCallback() {
            onAvailable = null;
            if (callback != null) {
                try {
                    callback.close();
                } catch (Exception ignored) {
                    // removing a callback from a set cannot fail
                }
                callback = null;
            }
        }
    }
}
