package io.veltrix.platform.eventstore.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The query side's half: LISTENs on its own connection and wakes the {@link NewEventSignal} on
 * every notification. When nothing arrives for {@code fallbackPoll} it wakes the readers anyway,
 * which covers a notification lost while the connection was down or a writer that does not notify.
 * A broken connection is reopened after {@code retry}, followed by a wake-up to catch up.
 */
public final class CommitListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitListener.class);

    private final NotifyConnections connections;
    private final NewEventSignal signal;
    private final String channel;
    private final int fallbackPollMillis;
    private final long retryMillis;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    public CommitListener(NotifyConnections connections, NewEventSignal signal, String channel,
                          int fallbackPollMillis, long retryMillis) {
        this.connections = connections;
        this.signal = signal;
        this.channel = NotifyConnections.checkedChannel(channel);
        this.fallbackPollMillis = Math.max(1, fallbackPollMillis);
        this.retryMillis = retryMillis;
    }

    private void loop() {
        while (running) {
            try (Connection connection = connections.open()) {
                this.connection = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel); // checked identifier: LISTEN takes no parameters
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                signal.wake(); // whatever was committed while we were not listening
                while (running) {
                    // Either way readers look: a notification says so, silence means "poll now".
                    pg.getNotifications(fallbackPollMillis);
                    signal.wake();
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("LISTEN {} lost ({}); polling every {} ms, reconnecting in {} ms",
                            channel, e.toString(), fallbackPollMillis, retryMillis);
                    signal.wake();
                    sleep(retryMillis);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "veltrix-event-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        Connection c = connection;
        if (c != null) {
            try {
                c.close(); // ends a getNotifications wait at once
            } catch (SQLException ignored) {
                // closing is all we wanted
            }
        }
        if (t != null) {
            t.interrupt();
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
