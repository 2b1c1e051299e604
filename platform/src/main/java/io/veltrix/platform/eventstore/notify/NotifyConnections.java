package io.veltrix.platform.eventstore.notify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Opens the long-lived connections of NOTIFY and LISTEN outside the pool, so they never take a
 * pooled connection from the application (and a LISTEN needs one physical session anyway).
 */
public final class NotifyConnections {

    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSourceProperties properties;
    private final DataSource fallback;

    public NotifyConnections(DataSourceProperties properties, DataSource fallback) {
        this.properties = properties;
        this.fallback = fallback;
    }

    public Connection open() throws SQLException {
        Connection connection = properties != null && properties.determineUrl() != null
                ? DriverManager.getConnection(properties.determineUrl(), properties.determineUsername(),
                properties.determinePassword())
                : fallback.getConnection();
        connection.setAutoCommit(true);
        return connection;
    }

    /** A channel name is an SQL identifier in LISTEN: only plain lowercase names are accepted. */
    static String checkedChannel(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("veltrix.events channel must match " + CHANNEL + ": " + channel);
        }
        return channel;
    }
}
