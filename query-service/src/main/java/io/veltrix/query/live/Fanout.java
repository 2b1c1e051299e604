package io.veltrix.query.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands one board update to a hunt's watchers over a few threads at once. Each watcher's write
 * (a socket write of a few hundred bytes, the loopback or network stack included) is small, but a
 * crowd of thousands on one thread takes as long as that thread's share of busy cores allows:
 * the last watcher got the update a second after the first (docs/performance.md, round 17). Split
 * into slices written side by side, the update reaches everyone in a fraction of that time; the
 * tick waits for all slices, so an update is still handed out whole before the next one.
 */
final class Fanout implements AutoCloseable {

    /** Fewer watchers than this per slice are written by the tick alone: a hand-over costs more. */
    static final int MIN_SLICE = 64;

    private final int threads;
    private final ExecutorService pool;

    /** {@code threads}: how many write at once, the calling thread included (1: it alone). */
    Fanout(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("veltrix.live.fanout-threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "live-fanout-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    int threads() {
        return threads;
    }

    /** Offers {@code change} and {@code whole} to every watcher and returns once all were offered. */
    void offer(Collection<LiveStream> watchers, byte[] change, byte[] whole) {
        LiveStream[] all = watchers.toArray(LiveStream[]::new);
        int slices = Math.min(threads, Math.max(1, all.length / MIN_SLICE));
        if (slices == 1) {
            offer(all, 0, all.length, change, whole);
            return;
        }
        int per = (all.length + slices - 1) / slices;
        List<CompletableFuture<Void>> others = new ArrayList<>(slices - 1);
        for (int from = per; from < all.length; from += per) {
            int start = from;
            int end = Math.min(all.length, from + per);
            others.add(CompletableFuture.runAsync(() -> offer(all, start, end, change, whole), pool));
        }
        offer(all, 0, per, change, whole);
        others.forEach(CompletableFuture::join);
    }

    private static void offer(LiveStream[] all, int from, int to, byte[] change, byte[] whole) {
        for (int i = from; i < to; i++) {
            all[i].offer(change, whole);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
