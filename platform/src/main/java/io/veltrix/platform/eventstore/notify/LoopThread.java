package io.veltrix.platform.eventstore.notify;

import org.springframework.context.SmartLifecycle;

/**
 * A lifecycle that runs {@link #loop()} on one named daemon thread from start to stop. Stopping
 * first ends whatever wait the loop is in ({@link #endWait}), then gives the thread two seconds.
 */
abstract class LoopThread implements SmartLifecycle {

    private final String threadName;
    private volatile boolean running;
    private volatile Thread thread;

    LoopThread(String threadName) {
        this.threadName = threadName;
    }

    /** Works until {@link #isRunning()} turns false. */
    abstract void loop();

    /** Ends a wait the loop may be in, so stopping need not wait out a timeout. */
    abstract void endWait(Thread loopThread);

    /** The loop's thread while running, else null. */
    final Thread thread() {
        return thread;
    }

    @Override
    public final void start() {
        running = true;
        Thread t = new Thread(this::loop, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public final void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            endWait(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public final boolean isRunning() {
        return running;
    }
}
