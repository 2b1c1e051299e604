package io.veltrix.platform.eventstore.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command side's half: after a unit of work that appended events has committed, {@link #signal()}
 * asks for one {@code NOTIFY}; a single thread sends it on its own connection, at most one every
 * {@code minInterval}, so a thousand commits a second cost a few hundred notifications. Never
 * inside the append transaction: PostgreSQL serializes the commits of notifying transactions.
 * A lost notification only costs the query side its fallback poll.
 */
public final class CommitNotifier extends LoopThread {

    private static final Logger log = LoggerFactory.getLogger(CommitNotifier.class);

    private final NotifyConnections connections;
    private final String channel;
    private final long minIntervalNanos;
    private final long retryNanos;
    private final AtomicBoolean pending = new AtomicBoolean();
    private Connection connection;
    private PreparedStatement notify;

    public CommitNotifier(NotifyConnections connections, String channel, long minIntervalMillis, long retryMillis) {
        super("veltrix-event-notifier");
        this.connections = connections;
        this.channel = NotifyConnections.checkedChannel(channel);
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
        this.retryNanos = TimeUnit.MILLISECONDS.toNanos(retryMillis);
    }

    /** Some events were committed: notify listeners soon. Cheap and non-blocking. */
    public void signal() {
        if (pending.compareAndSet(false, true)) {
            Thread t = thread();
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    void loop() {
        while (isRunning()) {
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
    void endWait(Thread loopThread) {
        LockSupport.unpark(loopThread);
    }
}
