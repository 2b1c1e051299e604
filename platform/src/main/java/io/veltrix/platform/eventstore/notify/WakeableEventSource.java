package io.veltrix.platform.eventstore.notify;

import io.veltrix.platform.eventstore.TrackedBatchReads;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *
 * <p>Every processor of a service reads the same stream, usually from the same position and woken
 * by the same NOTIFY. A read is therefore shared: streams that ask for the events after the same
 * token while the signal has not moved get the one answer (and its deserialized events) of the one
 * query, which is exactly what each would have read itself at that moment. Each read is one query
 * ({@link TrackedBatchReads}); a batch that may have more behind it is
 * followed at once by the next.
 */
public final class WakeableEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** The bean name processors refer to in {@code axon.eventhandling.processors.<name>.source}. */
    public static final String BEAN_NAME = "wakeableEventSource";

    private final EventStorageEngine storage;
    private final TrackedBatchReads batches;
    private final NewEventSignal signal;
    /** Reads of the current signal version, by the token they read after; older versions are dropped. */
    private final ConcurrentHashMap<SharedRead, CompletableFuture<TrackedBatchReads.Batch>> reads =
            new ConcurrentHashMap<>();
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
        this.batches = TrackedBatchReads.of(storage, TrackedBatchReads.DEFAULT_BATCH_SIZE);
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

    /** A read of the events after {@code after} while the signal stood at {@code version}. */
    private record SharedRead(long version, TrackingToken after) {
    }

    /**
     * The events after {@code after} as read at signal version {@code version}: this thread's own
     * query, or the one another stream started for the same token and version.
     */
    private TrackedBatchReads.Batch read(TrackingToken after, long version) {
        SharedRead key = new SharedRead(version, after);
        CompletableFuture<TrackedBatchReads.Batch> mine = new CompletableFuture<>();
        CompletableFuture<TrackedBatchReads.Batch> theirs = reads.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException | CancellationException failed) {
                // their read failed: read alone, as if nobody had shared
                return batches.readBatch(after);
            }
        }
        reads.keySet().removeIf(read -> read.version() < version);
        try {
            TrackedBatchReads.Batch batch = batches.readBatch(after);
            mine.complete(batch);
            return batch;
        } catch (RuntimeException | Error failed) {
            reads.remove(key, mine);
            mine.completeExceptionally(failed);
            throw failed;
        }
    }

    /** Shared reads kept at the moment (for tests). */
    int sharedReadsKept() {
        return reads.size();
    }

    private final class WakeableStream implements BlockingStream<TrackedEventMessage<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        /** The last read returned a full batch: read again without waiting to be woken. */
        private boolean more;
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
                iterator = null;
            }
            long version = signal.version();
            if (!more) {
                if (version == readAtVersion) {
                    return false;
                }
                long now = System.nanoTime();
                if (now < nextReadAt) {
                    recheckAt(nextReadAt - now);
                    return false;
                }
                nextReadAt = now + minReadIntervalNanos;
            }
            // Take the version before reading: a commit during the read wakes us for another one.
            readAtVersion = version;
            // The token after the events handed out so far: what the processor has seen, not what
            // it has processed, so a shared read is keyed by exactly this stream's position.
            TrackedBatchReads.Batch batch = read(last, version);
            more = batch.more();
            if (batch.events().isEmpty()) {
                return false;
            }
            iterator = batch.events().iterator();
            next = iterator.next();
            return true;
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
            if (more) {
                return true;
            }
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
            iterator = null;
            next = null;
            closeCallback();
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
