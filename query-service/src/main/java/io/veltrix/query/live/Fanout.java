package io.veltrix.query.live;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands one board update to a hunt's watchers over a few threads at once, and says how long the
 * next update must wait so that the writes stay within their share of the cores.
 *
 * <p>Each watcher's write is small (a few hundred bytes), but it is a socket write: a system call,
 * the network stack and the reader's wake-up, 0.13 CPU-ms each as measured (loopback, two busy
 * cores). A crowd of thousands on one thread takes as long as that thread's turn on busy cores
 * allows, so the last watcher got an update a second after the first. Split into slices written
 * side by side, the update reaches everyone sooner; the caller waits for all slices, so an update
 * is still handed out whole before the next one. What the writes cost is measured (the writing
 * threads' CPU time), and updates come no more often than {@code cpuShare} of one core pays for: a
 * crowd too large for it gets updates less often instead of taking the cores from the finds.
 */
final class Fanout implements AutoCloseable {

    /** Each slice has at least this many watchers: fewer are not worth handing to another thread. */
    static final int MIN_SLICE = 64;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final int threads;
    private final double cpuShare;
    private final ExecutorService pool;

    /**
     * {@code threads}: how many write at once, the calling thread included (1: it alone);
     * {@code cpuShare}: the part of one core the writes may take on average (0.25: a quarter).
     */
    Fanout(int threads, double cpuShare) {
        if (threads < 1) {
            throw new IllegalArgumentException("veltrix.live.fanout-threads must be at least 1, was " + threads);
        }
        if (!(cpuShare > 0)) {
            throw new IllegalArgumentException("veltrix.live.fanout-cpu-share must be above 0, was " + cpuShare);
        }
        this.threads = threads;
        this.cpuShare = cpuShare;
        AtomicInteger n = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "live-fanout-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * How long after updates that took {@code handingOutNanos} to hand out and {@code cpuNanos} of
     * the writing threads' CPU the next may start: late enough that the writes took no more than
     * their share of one core over both.
     */
    long restAfter(long handingOutNanos, long cpuNanos) {
        return Math.max(0, (long) (cpuNanos / cpuShare) - handingOutNanos);
    }

    /**
     * Offers {@code update} to every watcher and returns, once all were offered, the CPU time the
     * writing took (on every thread that wrote).
     */
    long offer(Collection<LiveStream> watchers, LiveStream.Update update) {
        LiveStream[] all = watchers.toArray(LiveStream[]::new);
        int slices = Math.min(threads, Math.max(1, all.length / MIN_SLICE));
        if (slices == 1) {
            return offer(all, 0, all.length, update);
        }
        int per = (all.length + slices - 1) / slices;
        AtomicLong cpu = new AtomicLong();
        List<CompletableFuture<Void>> others = new ArrayList<>(slices - 1);
        for (int from = per; from < all.length; from += per) {
            int start = from;
            int end = Math.min(all.length, from + per);
            others.add(CompletableFuture.runAsync(() -> cpu.addAndGet(offer(all, start, end, update)), pool));
        }
        cpu.addAndGet(offer(all, 0, per, update));
        others.forEach(CompletableFuture::join);
        return cpu.get();
    }

    /** Offers to one slice and returns the CPU time it took. */
    private static long offer(LiveStream[] all, int from, int to, LiveStream.Update update) {
        long started = CPU.getCurrentThreadCpuTime();
        for (int i = from; i < to; i++) {
            all[i].offer(update);
        }
        return CPU.getCurrentThreadCpuTime() - started;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
