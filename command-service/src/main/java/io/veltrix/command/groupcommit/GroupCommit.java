package io.veltrix.command.groupcommit;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.web.DatabaseUnavailable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Group commit: concurrent requests share one database transaction and one durable commit. Longer
 * than most files here: the lanes' loop, the batch with its per-item fallbacks and the admission
 * checks share the lanes' queues and counters; apart, each would reach into the others' state.
 *
 * <p>Each lane is a thread with a bounded queue. It takes what has queued up (at most
 * {@code maxBatch} items, waiting at most {@code window} for more once it has one), opens one unit of
 * work and transaction, runs every item in a nested unit of work, and commits once: the events of
 * all items are appended in one batch insert with their hash chains, and only then is any waiting
 * request answered, so a 2xx still means on disk. An item that fails (a rule says no) is rolled back
 * to a savepoint set before it and answered with its own failure; the others go on. A savepoint is
 * a round trip of its own, and most batches have no failing item: so a lane whose last batch had
 * none runs the next without savepoints, and should an item fail there, rolls that try back and
 * runs the batch again with them.
 * When the commit itself fails because another writer appended to one of the batch's aggregates
 * first (another command-service instance, whose appends this instance's aggregate cache has not
 * seen), the batch is run once more as a batch: the rollback dropped its aggregates from the cache,
 * so it decides again on what is stored. When it fails again, or for any other reason, every item
 * is run again on its own ({@code alone}), so one item's conflict never fails another's request; so is, after the commit, an item that lost to a
 * concurrent writer (a sequence clash, a lock it gave up waiting for). When it failed because the
 * database is away, every item is answered with that failure at once (a 503 for the client): run
 * one by one, each would wait for a connection in turn and the last answer would come seconds late.
 *
 * <p>Two items of one aggregate never share a batch (the second is held for the next, and the
 * items behind it still join this one): a failed item may leave its aggregate changed in the
 * batch's memory, and Axon evicts it only when its own unit of work rolls back. Held items go
 * first into the next batch, oldest first, so a stampede of joins into a few teams still commits
 * in batches. Requests are spread over the lanes by a key (the player, or the team, for finds and
 * hints; the hunt for registrations), so one aggregate, one handle and one hunt's capacity stripes
 * always go through one lane and lanes never wait on each other's row locks in a cycle.
 *
 * <p>An item may ask its batch for a {@link Preparation}: before any item runs, each preparation is
 * done once for all the asks of the batch's items (one statement instead of one per item), and
 * undone for an item that is rolled back to its savepoint.
 *
 * <p>With no lanes ({@code veltrix.group-commit.lanes=0}) every request commits on its own.
 *
 * <p>Admission: an item still queued after {@code maxQueueWait} is not run but answered 503 with
 * Retry-After, and a full queue refuses at once; {@link #saturated()} lets the edge refuse before
 * any work is spent on a request.
 */
public final class GroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionManager transactions;
    private final DataSource dataSource;
    private final Lane[] lanes;
    private final Duration window;
    private final int maxBatch;
    private final long maxQueueWaitNanos;
    private final long retryAfterSeconds;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedItems = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong conflictRetries = new AtomicLong();
    private final AtomicLong guardedReruns = new AtomicLong();
    private volatile boolean stopped;

    public GroupCommit(TransactionManager transactions, DataSource dataSource, int laneCount,
                       int queueCapacity, int maxBatch, Duration window, Duration maxQueueWait, long retryAfterSeconds) {
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.window = window;
        this.maxBatch = maxBatch;
        this.maxQueueWaitNanos = maxQueueWait.toNanos();
        this.retryAfterSeconds = retryAfterSeconds;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane(i, queueCapacity);
        }
    }

    /**
     * Work the items of a batch ask for before any of them runs, done for all their asks at once in
     * the batch's transaction (each try of the batch anew).
     *
     * @param <A> what one item asks for
     */
    public interface Preparation<A> {

        /** Does what the batch's items ask, in the order they run; each ask is one item's. */
        void prepare(List<A> asks);

        /** The item that asked {@code ask} was rolled back to its savepoint: undo what was prepared for it. */
        void abandon(A ask);
    }

    /**
     * Runs {@code work} inside a shared transaction and returns its result once that transaction has
     * committed; throws what {@code work} threw, or a 503 {@link RuleViolation} when shed.
     *
     * @param laneKey      what must always go through the same lane (the player, the hunt)
     * @param aggregateKey the aggregate {@code work} changes, or null when it creates a new one
     * @param alone        runs {@code work} in a transaction of its own, should the shared one fail
     */
    public <T> T run(String laneKey, String aggregateKey, Supplier<T> work, Supplier<T> alone) {
        return run(laneKey, aggregateKey, null, null, work, alone);
    }

    /**
     * Like {@link #run(String, String, Supplier, Supplier)}, with {@code ask} prepared by
     * {@code preparation} before the batch's items run; {@code alone} prepares nothing.
     */
    public <T, A> T run(String laneKey, String aggregateKey, Preparation<A> preparation, A ask, Supplier<T> work,
                        Supplier<T> alone) {
        if (lanes.length == 0) {
            return alone.get();
        }
        Item<T> item = new Item<>(aggregateKey, ask == null ? null : preparation, ask, work, alone, System.nanoTime());
        Lane lane = lanes[Math.floorMod(laneKey.hashCode(), lanes.length)];
        if (stopped || !lane.queue.offer(item)) {
            shed.incrementAndGet();
            throw overloaded();
        }
        try {
            return item.result.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commit", e);
        }
    }

    /** True when a request arriving now would most likely wait longer than it may: refuse it early. */
    public boolean saturated() {
        if (lanes.length == 0) {
            return false;
        }
        long now = System.nanoTime();
        for (Lane lane : lanes) {
            Item<?> oldest = lane.queue.peek();
            if (oldest != null && now - oldest.enqueuedNanos > maxQueueWaitNanos / 2) {
                return true;
            }
        }
        return false;
    }

    /** Counts a request refused at the edge because the lanes were {@linkplain #saturated() saturated}. */
    public void countShed() {
        shed.incrementAndGet();
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Transactions committed by the lanes, items they carried, requests shed, batches run again after
     * a conflict, and batches run again with savepoints because an item failed without one.
     */
    public Stats stats() {
        return new Stats(commits.get(), committedItems.get(), shed.get(), conflictRetries.get(), guardedReruns.get());
    }

    public record Stats(long commits, long items, long shed, long conflictRetries, long guardedReruns) {
    }

    public RuleViolation overloaded() {
        return RuleViolation.unavailable("overloaded",
                "Too many requests at this moment; nothing was recorded. Retry after " + retryAfterSeconds + " s.",
                retryAfterSeconds);
    }

    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
        for (Lane lane : lanes) {
            lane.thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** A concurrent writer got there first (an append, a lock): deciding again may well succeed. */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // LockAcquisitionFailedException: an aggregate lock this lane gave up on, e.g. a deadlock
            // Axon saw coming between two lanes (a team joined on the hunt's lane while its finds go
            // through the team's)
            if (t instanceof ConcurrencyException || t instanceof ConcurrencyFailureException
                    || t instanceof LockAcquisitionFailedException) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure);
    }

    private static final class Item<T> {
        final String aggregateKey;
        /** Null when the item asks for no preparation. */
        final Preparation<Object> preparation;
        final Object ask;
        final Supplier<T> work;
        final Supplier<T> alone;
        final long enqueuedNanos;
        final CompletableFuture<T> result = new CompletableFuture<>();
        /** The outcome within the batch, delivered only after the commit. */
        T value;
        Throwable failure;

        @SuppressWarnings("unchecked")
        Item(String aggregateKey, Preparation<?> preparation, Object ask, Supplier<T> work, Supplier<T> alone,
             long enqueuedNanos) {
            this.aggregateKey = aggregateKey;
            this.preparation = (Preparation<Object>) preparation;
            this.ask = ask;
            this.work = work;
            this.alone = alone;
            this.enqueuedNanos = enqueuedNanos;
        }

        void deliver() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }

        void runAlone() {
            try {
                result.complete(alone.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }

    private final class Lane implements Runnable {
        final BlockingQueue<Item<?>> queue;
        final Thread thread;
        /** Items whose aggregate was already in the batch being collected: first in the next one, oldest first. */
        private final List<Item<?>> held = new ArrayList<>();
        /** An item of the last batch failed: the next one sets a savepoint before each item from the start. */
        private boolean guarded;

        Lane(int index, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this, "group-commit-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    List<Item<?>> batch = collect();
                    if (!batch.isEmpty()) {
                        commit(batch, true, guarded);
                    }
                } catch (InterruptedException e) {
                    if (stopped) {
                        break;
                    }
                } catch (RuntimeException | Error e) {
                    // never let the lane die: its queue would never be served again
                    log.error("group commit lane failed", e);
                }
            }
            failQueued();
        }

        private List<Item<?>> collect() throws InterruptedException {
            List<Item<?>> batch = new ArrayList<>();
            Set<String> aggregates = new HashSet<>();
            Deque<Item<?>> earlier = new ArrayDeque<>(held);
            held.clear();
            Item<?> next = earlier.isEmpty() ? queue.take() : earlier.poll();
            long deadline = System.nanoTime() + window.toNanos();
            while (next != null) {
                if (System.nanoTime() - next.enqueuedNanos > maxQueueWaitNanos) {
                    shed.incrementAndGet();
                    next.result.completeExceptionally(overloaded());
                } else if (next.aggregateKey != null && !aggregates.add(next.aggregateKey)) {
                    held.add(next);
                } else {
                    batch.add(next);
                }
                if (batch.size() >= maxBatch) {
                    break;
                }
                next = earlier.poll();
                if (next == null) {
                    next = queue.poll();
                }
                if (next == null && !batch.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                }
            }
            // oldest first: the held items this batch had no room for came before any taken from the queue
            held.addAll(earlier);
            held.sort(Comparator.comparingLong(item -> item.enqueuedNanos));
            return batch;
        }

        /**
         * @param guard a savepoint before each item, so a failed one is undone alone; without them
         *              (when the last batch had no failure) an item that fails ends the try, and the
         *              batch is run again with them: one round trip less per item where items seldom fail
         */
        private void commit(List<Item<?>> batch, boolean firstTry, boolean guard) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            boolean anyFailed = false;
            try {
                unitOfWork.attachTransaction(transactions);
                prepare(batch);
                for (Item<?> item : batch) {
                    anyFailed |= !runInBatch(item, guard);
                    if (anyFailed && !guard) {
                        break;
                    }
                }
                if (anyFailed && !guard) {
                    unitOfWork.rollback();
                } else {
                    unitOfWork.commit();
                }
            } catch (Throwable failure) {
                if (unitOfWork.isActive() && !unitOfWork.isRolledBack()) {
                    unitOfWork.rollback(failure);
                }
                if (DatabaseUnavailable.isCause(failure)) {
                    for (Item<?> item : batch) {
                        item.result.completeExceptionally(failure);
                    }
                    return;
                }
                if (firstTry && isConflict(failure)) {
                    conflictRetries.incrementAndGet();
                    forgetOutcomes(batch);
                    commit(batch, false, guard);
                    return;
                }
                log.debug("group commit of {} items failed, running each alone: {}", batch.size(), failure.toString());
                for (Item<?> item : batch) {
                    item.runAlone();
                }
                return;
            }
            guarded = anyFailed;
            if (anyFailed && !guard) {
                guardedReruns.incrementAndGet();
                forgetOutcomes(batch);
                commit(batch, firstTry, true);
                return;
            }
            commits.incrementAndGet();
            committedItems.addAndGet(batch.size());
            for (Item<?> item : batch) {
                if (item.failure != null && isConflict(item.failure)) {
                    // it lost to a concurrent writer, perhaps to a lock this batch held: decide again
                    item.runAlone();
                } else {
                    item.deliver();
                }
            }
        }

        /** Each preparation the batch's items ask for, once, with their asks in the items' order. */
        private static void prepare(List<Item<?>> batch) {
            Map<Preparation<Object>, List<Object>> asks = new LinkedHashMap<>();
            for (Item<?> item : batch) {
                if (item.preparation != null) {
                    asks.computeIfAbsent(item.preparation, p -> new ArrayList<>()).add(item.ask);
                }
            }
            asks.forEach(Preparation::prepare);
        }

        /** Before a batch runs again: what its items decided in the rolled-back try counts for nothing. */
        private static void forgetOutcomes(List<Item<?>> batch) {
            for (Item<?> item : batch) {
                item.value = null;
                item.failure = null;
            }
        }

        /** Runs the item in a nested unit of work, behind a savepoint when {@code guard}; false when it failed. */
        private <T> boolean runInBatch(Item<T> item, boolean guard) throws SQLException {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint savepoint = guard ? connection.setSavepoint() : null;
            UnitOfWork<?> own = DefaultUnitOfWork.startAndGet(null);
            ResultMessage<T> result = own.executeWithResult(item.work::get);
            if (result.isExceptional()) {
                if (savepoint != null) {
                    connection.rollback(savepoint);
                    if (item.preparation != null) {
                        item.preparation.abandon(item.ask);
                    }
                }
                item.failure = result.exceptionResult();
                return false;
            }
            // not released: the commit releases every savepoint, and a RELEASE would be one more
            // round trip per item; the next item's savepoint nests under this one, and rolling
            // back to that one leaves this item's work as it is
            item.value = result.getPayload();
            return true;
        }

        private void failQueued() {
            Item<?> item;
            while ((item = queue.poll()) != null) {
                item.result.completeExceptionally(overloaded());
            }
            for (Item<?> waiting : held) {
                waiting.result.completeExceptionally(overloaded());
            }
            held.clear();
        }
    }
}
