package io.veltrix.platform.eventstore.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query side's half: LISTENs on its own connection and wakes the {@link NewEventSignal} on
 * every notification. When nothing arrives for {@code fallbackPoll} it wakes the readers anyway,
 * which covers a notification lost while the connection was down or a writer that does not notify.
 * A broken connection is reopened after {@code retry}, followed by a wake-up to catch up.
 */
public final class CommitListener extends LoopThread {

    private static final Logger log = LoggerFactory.getLogger(CommitListener.class);

    private final NotifyConnections connections;
    private final NewEventSignal signal;
    private final String channel;
    private final int fallbackPollMillis;
    private final long retryMillis;
    private volatile Connection connection;

    public CommitListener(NotifyConnections connections, NewEventSignal signal, String channel,
                          int fallbackPollMillis, long retryMillis) {
        super("veltrix-event-listener");
        this.connections = connections;
        this.signal = signal;
        this.channel = NotifyConnections.checkedChannel(channel);
        this.fallbackPollMillis = Math.max(1, fallbackPollMillis);
        this.retryMillis = retryMillis;
    }

    @Override
    void loop() {
        while (isRunning()) {
            try (Connection connection = connections.open()) {
                this.connection = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel); // checked identifier: LISTEN takes no parameters
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                signal.wake(); // whatever was committed while we were not listening
                while (isRunning()) {
                    // Either way readers look: a notification says so, silence means "poll now".
                    pg.getNotifications(fallbackPollMillis);
                    signal.wake();
                }
            } catch (SQLException e) {
                if (isRunning()) {
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
    void endWait(Thread loopThread) {
        Connection c = connection;
        if (c != null) {
            try {
                c.close(); // ends a getNotifications wait at once
            } catch (SQLException ignored) {
                // closing is all we wanted
            }
        }
        loopThread.interrupt();
    }
}
