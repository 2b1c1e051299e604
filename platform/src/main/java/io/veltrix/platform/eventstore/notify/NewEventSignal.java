package io.veltrix.platform.eventstore.notify;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * "The event store may have new events": a version number bumped on every wake-up, which readers
 * compare with the version they last read at, plus callbacks for readers that do not block.
 */
public final class NewEventSignal {

    private final AtomicLong version = new AtomicLong();
    private final Object monitor = new Object();
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();

    public long version() {
        return version.get();
    }

    /** Bumps the version and wakes every waiting reader. */
    public void wake() {
        version.incrementAndGet();
        synchronized (monitor) {
            monitor.notifyAll();
        }
        for (Runnable callback : callbacks) {
            callback.run();
        }
    }

    /** Waits until the version differs from {@code seen}, at most the timeout; true if it does. */
    public boolean awaitChange(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (monitor) {
            while (version.get() == seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
        }
        return true;
    }

    /** Runs {@code callback} on every wake-up until the returned handle is closed. */
    public AutoCloseable onWake(Runnable callback) {
        callbacks.add(callback);
        return () -> callbacks.remove(callback);
    }
}
