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
 * by the same NOTIFY. A read is therefore shared: a stream that asks for the events after a token
 * another stream has just read after gets that read's answer (and its deserialized events) instead
 * of a query of its own. Each read is one query ({@link TrackedBatchReads}); a batch that may have
 * more behind it is followed at once by the next.
 */
public final class WakeableEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** The bean name processors refer to in {@code axon.eventhandling.processors.<name>.source}. */
    public static final String BEAN_NAME = "wakeableEventSource";
    /**
     * A second source, read less often, for the processors no request waits on (an index, a summary):
     * each of them then wakes, reads and commits a few times a second instead of on every NOTIFY.
     */
    public static final String BACKGROUND_BEAN_NAME = "backgroundEventSource";

    /** A read may be taken over by streams arriving at its position this long after it started (or the minimum read interval if longer). */
    private static final Duration SHARE_AT_LEAST = Duration.ofMillis(10);
    /** The position of a stream opened without a token. */
    private static final Object FROM_THE_START = new Object();

    private final EventStorageEngine storage;
    private final TrackedBatchReads batches;
    private final NewEventSignal signal;
    /** The latest read of each position, for the streams that arrive there next. */
    private final ConcurrentHashMap<Object, SharedRead> reads = new ConcurrentHashMap<>();
    /** How old a read another stream may still take over. */
    private final long shareNanos;
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
        this(storage, signal, minReadInterval,
                minReadInterval.compareTo(SHARE_AT_LEAST) > 0 ? minReadInterval : SHARE_AT_LEAST);
    }

    /** @param shareFor how long after a read started other streams arriving at its position may take its answer */
    WakeableEventSource(EventStorageEngine storage, NewEventSignal signal, Duration minReadInterval, Duration shareFor) {
        this.storage = storage;
        this.batches = TrackedBatchReads.of(storage, TrackedBatchReads.DEFAULT_BATCH_SIZE);
        this.signal = signal;
        this.minReadIntervalNanos = minReadInterval.toNanos();
        this.shareNanos = shareFor.toNanos();
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

    /** A read of the store started at signal version {@code version}, at {@code startedNanos}. */
    private record SharedRead(long version, long startedNanos, CompletableFuture<TrackedBatchReads.Batch> result) {
    }

    /** A read's answer and the signal version it reflects. */
    private record Answer(TrackedBatchReads.Batch batch, long version) {
    }

    /**
     * The events after {@code after}: the answer of a read of that position another stream started
     * at signal version {@code minVersion} or later and no longer ago than the sharing age, or else
     * this thread's own query. Taking a read started a moment earlier is what the stream would have
     * got had it been scheduled a moment earlier; the stream then reads again once the signal moved
     * past that read's version, so nothing committed after it is missed.
     */
    private Answer read(TrackingToken after, long minVersion, long version) {
        long now = System.nanoTime();
        SharedRead mine = new SharedRead(version, now, new CompletableFuture<>());
        Object position = after == null ? FROM_THE_START : after;
        SharedRead chosen = reads.compute(position, (token, theirs) ->
                theirs != null && theirs.version() >= minVersion && now - theirs.startedNanos() <= shareNanos
                        ? theirs : mine);
        if (chosen != mine) {
            try {
                return new Answer(chosen.result().join(), chosen.version());
            } catch (CompletionException | CancellationException failed) {
                // their read failed: read alone, as if nobody had shared
                return new Answer(batches.readBatch(after), version);
            }
        }
        reads.values().removeIf(read -> now - read.startedNanos() > shareNanos);
        try {
            TrackedBatchReads.Batch batch = batches.readBatch(after);
            mine.result().complete(batch);
            return new Answer(batch, version);
        } catch (RuntimeException | Error failed) {
            reads.remove(position, mine);
            mine.result().completeExceptionally(failed);
            throw failed;
        }
    }

    private final class WakeableStream implements BlockingStream<TrackedEventMessage<?>> {

        private TrackingToken last;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        /** The last read returned a full batch: read again without waiting to be woken. */
        private boolean more;
        private TrackedEventMessage<?> next;
        /** The signal version at the start of the last read; -1 forces the first read. */
        private long readAtVersion = -1;
        /** {@link System#nanoTime()} before which the store is not read again (read by the waking thread too). */
        private volatile long nextReadAt = System.nanoTime();
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
            // The version is taken before reading: a commit during the read wakes us for another one.
            // The token is the one after the events handed out so far, this stream's exact position.
            // A stream that has not moved takes only a read newer than its own last one (or it would
            // get that answer again); one catching up takes any read of its new position.
            Answer answer = read(last, more ? readAtVersion : readAtVersion + 1, version);
            readAtVersion = answer.version();
            TrackedBatchReads.Batch batch = answer.batch();
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
            this.callback = signal.onWake(this::woken);
            return true;
        }

        /**
         * A wake-up: the processor is told at once when it may read now, or else once, when its
         * interval has passed. Telling it on every wake-up would have it look only to find that too
         * soon, a hand-off to its coordinator per NOTIFY for nothing.
         */
        private void woken() {
            Runnable callback = onAvailable;
            if (callback == null) {
                return;
            }
            long wait = nextReadAt - System.nanoTime();
            if (wait > 0) {
                recheckAt(wait);
            } else {
                callback.run();
            }
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

        /** A wake-up came too soon after the last read: tell the processor when it may read. */
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
