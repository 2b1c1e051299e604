package io.veltrix.platform.eventstore.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The command side's half: after a unit of work that appended events has committed, {@link #signal()}
 * asks for one {@code NOTIFY}; a single thread sends it on its own connection, at most one every
 * {@code minInterval}, so a thousand commits a second cost a few hundred notifications. Never
 * inside the append transaction: PostgreSQL serializes the commits of notifying transactions.
 * A lost notification only costs the query side its fallback poll.
 */
public final class CommitNotifier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitNotifier.class);

    private final NotifyConnections connections;
    private final String channel;
    private final long minIntervalNanos;
    private final long retryNanos;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread thread;
    private Connection connection;
    private PreparedStatement notify;

    public CommitNotifier(NotifyConnections connections, String channel, long minIntervalMillis, long retryMillis) {
        this.connections = connections;
        this.channel = NotifyConnections.checkedChannel(channel);
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        this.retryNanos = TimeUnit.MILLISECONDS.toNanos(retryMillis);
    }

    /** Some events were committed: notify listeners soon. Cheap and non-blocking. */
    public void signal() {
        if (pending.compareAndSet(false, true)) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void loop() {
        while (running) {
            if (!pending.getAndSet(false)) {
                LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                continue;
            }
            boolean sent = send();
            // Coalesce: commits during this pause share the next notification.
            LockSupport.parkNanos(this, sent ? minIntervalNanos : retryNanos);
        }
        closeConnection();
    }

    private boolean send() {
        try {
            if (connection == null) {
                connection = connections.open();
                notify = connection.prepareStatement("SELECT pg_notify(?, '')");
                notify.setString(1, channel);
            }
            notify.execute();
            return true;
        } catch (SQLException e) {
            log.warn("NOTIFY {} failed ({}); listeners fall back to polling until it works again", channel, e.toString());
            closeConnection();
            return false;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        connection = null;
        notify = null;
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "veltrix-event-notifier");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
