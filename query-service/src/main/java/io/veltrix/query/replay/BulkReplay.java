package io.veltrix.query.replay;

import io.veltrix.platform.eventstore.HashChainingEventStorageEngine;
import io.veltrix.platform.eventstore.PageReads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.GenericResultMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The first part of a replay: a stopped processor's own handlers (its invoker, interceptors and
 * dead-letter queue) fed the store from the tail in pages of {@code veltrix.replay.bulk-page-size}
 * events, one transaction per page that also moves every segment's token to the page's last event.
 * It stops at the store's head from the replay's start; the processor then starts from the tokens
 * and goes on as usual (events appended meanwhile, gaps the tokens remember).
 *
 * <p>Why: a pooled processor hands the store to its segments event by event, and its coordinator
 * checks every work package's queue before each event and sleeps once one is full; that hand-off,
 * not the projection, bounded a replay (docs/performance.md). A page here is read on one thread
 * while the previous one is projected on another.
 *
 * <p>A page is one query ({@link PageReads}, when the store has it): rows of event types the
 * handlers have no handler for (wrong answers, repeats, clues: about half of a hunt's events) only
 * move the token and are never decoded; the others come with payload and timestamp decoded, the
 * metadata left as stored bytes (the handlers read only the index, which the event carries), and
 * no stored payload bytes kept. Reading had been two thirds of the replay threads' time, and its
 * garbage filled the heap with collections (docs/performance.md, rounds 8 and 32). The projecting
 * thread's time is Axon's per-event dispatch through the invoker (finding each event's handler
 * method, once per event now that {@link Handlers} asks per payload type) and the page's set-wise
 * writes; the reader's the driver and Jackson's payloads. Beyond them, a replay is bound by the
 * collector and PostgreSQL: in the benchmark's 1,000,000-event run the service stops for
 * collections about a sixth of the time on the parallel collector, its default (a quarter on the
 * serial one: the pages in flight and the projected page's state outlive young collections and
 * fill the old generation, a full collection every second or so), and PostgreSQL takes two to
 * three times either thread's CPU, most of it the page's writes. Neither smaller pages (1,000 or
 * 2,000 events replayed a tenth slower), a larger young generation, fewer pages in flight nor rows
 * of skipped types sent without payload and metadata took the collections away
 * (docs/performance.md, rounds 30, 34 and 35).
 *
 * <p>The processing group's {@link ReadOnlyIndexes} are dropped before the first page and built
 * after the last ({@link ReplayIndexes}): the pages' writes then update only the indexes they read
 * through, which cut the cost of the board's inserts and updates per row by 40 to 50 % (docs/performance.md,
 * round 33).
 *
 * <p>A failure leaves the tokens at the last committed page, so the processor, started anyway,
 * finishes the replay from there.
 */
@Component
class BulkReplay {

    /**
     * What every handled event returns to the unit of work: one result message for all, as the
     * handlers return nothing. Without it the unit of work built a result message per event, with
     * an identifier and a copy of the correlation data (JFR: a sixth of the projecting thread).
     */
    private static final ResultMessage<Object> HANDLED = GenericResultMessage.asResultMessage((Object) null);

    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final ReplayIndexes indexes;
    private final int pageSize;

    BulkReplay(EventStorageEngine storage, TokenStore tokens, TransactionManager transactions, ReplayIndexes indexes,
               @Value("${veltrix.replay.bulk-page-size}") int pageSize) {
        this.storage = storage;
        this.tokens = tokens;
        this.transactions = transactions;
        this.indexes = indexes;
        this.pageSize = pageSize;
    }

    /** The store's page reads, when it has them; else the reader walks Axon's event stream. */
    private PageReads pageReads() {
        if (storage instanceof HashChainingEventStorageEngine chaining) {
            return chaining.pageReads() ? chaining : null;
        }
        return storage instanceof PageReads reads ? reads : null;
    }

    /** False when configured off (page size 0): replays go through the processor alone. */
    boolean enabled() {
        return pageSize > 0;
    }

    /**
     * Projects the store up to the global index {@code head} through the stopped {@code processor}'s
     * handlers, reporting the position after each committed page; returns early when {@code stop} says so.
     * The processing group's read-only indexes are dropped meanwhile and built before it returns.
     */
    void run(AbstractEventProcessor processor, long head, LongConsumer progress, BooleanSupplier stop)
            throws Exception {
        indexes.drop(processor.getName());
        try {
            projectPages(processor, head, progress, stop);
        } finally {
            indexes.buildAfterReplay(processor.getName());
        }
    }

    private void projectPages(AbstractEventProcessor processor, long head, LongConsumer progress, BooleanSupplier stop)
            throws Exception {
        int[] segments = tokens.fetchSegments(processor.getName());
        // one page waits while one is projected and one is read: pages live long enough to reach the
        // old generation, so more in flight only means more full collections
        BlockingQueue<Page> pages = new ArrayBlockingQueue<>(1);
        Handlers handlers = new Handlers(processor.eventHandlerInvoker());
        Reader reader = new Reader(head, processor.eventHandlerInvoker()::canHandleType, pages, stop);
        Thread thread = new Thread(reader, "replay-read-" + processor.getName());
        thread.setDaemon(true);
        thread.start();
        try {
            for (Page page = pages.take(); page != Page.END && !stop.getAsBoolean(); page = pages.take()) {
                project(processor, handlers, segments, page);
                progress.accept(page.reached().position().orElse(0));
            }
            if (reader.failure != null) {
                throw reader.failure;
            }
        } finally {
            reader.stopped = true;
            thread.interrupt();
        }
    }

    private void project(AbstractEventProcessor processor, Handlers handlers, int[] segments, Page page)
            throws Exception {
        List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors = processor.getHandlerInterceptors();
        if (page.handled().isEmpty()) {
            transactions.executeInTransaction(() -> storeTokens(processor, segments, page));
            return;
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(page.handled());
        unitOfWork.attachTransaction(transactions);
        unitOfWork.onPrepareCommit(u -> storeTokens(processor, segments, page));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<EventMessage<?>>(
                unitOfWork, interceptors, m -> {
                    handlers.handle(m);
                    return HANDLED;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
    }

    private void storeTokens(AbstractEventProcessor processor, int[] segments, Page page) {
        for (int segment : segments) {
            tokens.storeToken(page.reached(), processor.getName(), segment);
        }
    }

    /**
     * The processor's invokers as its own {@link MultiEventHandlerInvoker} calls them (an invoker
     * that does not support a reset skips replayed events), with each invoker's support for a
     * reset asked once per replay rather than once per event: Axon asks every handler class each
     * time, which was a tenth of the projecting thread (JFR, docs/performance.md round 32).
     *
     * <p>Whether an invoker has a handler for an event is asked once per payload type too. Axon asks
     * it per event ({@code canHandle}: every handler class's members searched for one that takes the
     * message) and then searches the same members again to handle it, a fifth of the projecting
     * thread (round 32). The projections' handlers take the payload, its timestamp and the message,
     * which every event of the payload's type offers, so the type decides; an event a handler still
     * declines is searched for in {@code handle} as before and handled by none.
     */
    private static final class Handlers {

        private final List<EventHandlerInvoker> invokers;
        private final boolean[] resettable;
        /** By payload type: which invokers have a handler for it. */
        private final Map<Class<?>, boolean[]> handling = new HashMap<>();

        Handlers(EventHandlerInvoker invoker) {
            invokers = invoker instanceof MultiEventHandlerInvoker multi ? multi.delegates() : List.of(invoker);
            resettable = new boolean[invokers.size()];
            for (int i = 0; i < resettable.length; i++) {
                resettable[i] = invokers.get(i).supportsReset();
            }
        }

        void handle(EventMessage<?> event) throws Exception {
            boolean[] handles = handling.computeIfAbsent(event.getPayloadType(), this::handlersOf);
            for (int i = 0; i < resettable.length; i++) {
                if (handles[i] && (resettable[i] || !ReplayToken.isReplay(event))) {
                    invokers.get(i).handle(event, Segment.ROOT_SEGMENT);
                }
            }
        }

        private boolean[] handlersOf(Class<?> payloadType) {
            boolean[] handles = new boolean[invokers.size()];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = invokers.get(i).canHandleType(payloadType);
            }
            return handles;
        }
    }

    /** The events of a page the handlers have a handler for, and the token after its last event. */
    private record Page(List<EventMessage<?>> handled, TrackingToken reached) {
        static final Page END = new Page(List.of(), null);
    }

    /**
     * Reads the store from the tail in pages until a page reaches {@code head} or the store has no
     * more. It also deserializes what the handlers will read of each event they handle (payload,
     * metadata, timestamp; messages keep them), so that work is off the projecting thread.
     */
    private final class Reader implements Runnable {

        private final long head;
        private final Predicate<Class<?>> handled;
        private final BlockingQueue<Page> pages;
        private final BooleanSupplier stop;
        volatile boolean stopped;
        volatile Exception failure;

        Reader(long head, Predicate<Class<?>> handled, BlockingQueue<Page> pages, BooleanSupplier stop) {
            this.head = head;
            this.handled = handled;
            this.pages = pages;
            this.stop = stop;
        }

        @Override
        public void run() {
            try {
                PageReads pageReads = pageReads();
                if (pageReads != null) {
                    readPages(pageReads);
                } else {
                    readStream();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure = e;
            } finally {
                end();
            }
        }

        /**
         * A page is one query; the rows of types the handlers have no handler for are not decoded
         * (the type is judged by its stored name: the store's upcasters keep the names), and the
         * others come decoded as the handlers read them (payload, timestamp, global index).
         */
        private void readPages(PageReads reads) throws InterruptedException {
            Map<String, Boolean> wanted = new HashMap<>();
            Predicate<String> wants = type -> wanted.computeIfAbsent(type, this::handles);
            TrackingToken token = null;
            long position = -1;
            while (position < head && !stopped && !stop.getAsBoolean()) {
                PageReads.Page read = reads.readPage(token, pageSize, wants);
                if (read.read() == 0) {
                    break;
                }
                token = read.reached();
                position = token.position().orElse(position);
                pages.put(new Page(List.copyOf(read.events()), token));
            }
        }

        /** Whether the handlers handle the stored payload type; a class not on the class path: no. */
        private boolean handles(String type) {
            try {
                return handled.test(Class.forName(type, false, BulkReplay.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        private void readStream() throws InterruptedException {
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(storage.createTailToken(), false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
                long position = -1;
                while (position < head && !stopped && !stop.getAsBoolean() && events.hasNext()) {
                    List<EventMessage<?>> page = new ArrayList<>(pageSize);
                    TrackingToken reached = null;
                    for (int read = 0; read < pageSize && position < head && events.hasNext(); read++) {
                        TrackedEventMessage<?> event = events.next();
                        if (handled.test(event.getPayloadType())) {
                            event.getPayload();
                            event.getMetaData();
                            event.getTimestamp();
                            page.add(event);
                        }
                        reached = event.trackingToken();
                        position = reached.position().orElse(position);
                    }
                    pages.put(new Page(page, reached));
                }
            }
        }

        private void end() {
            try {
                while (!stopped && !pages.offer(Page.END, 100, TimeUnit.MILLISECONDS)) {
                    // the projecting thread takes a page or stops us
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
