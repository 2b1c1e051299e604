package io.veltrix.platform.database;

import io.veltrix.platform.web.DatabaseUnavailable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that stops waiting for a database it knows to be away. The pool behind it makes
 * every borrower wait its whole connection timeout while the database is down; once one borrower
 * has learnt that the database is away (the pool could not create a connection), later borrowers
 * are refused at once with a connection failure (which the services answer with 503 and
 * Retry-After), and a single probe thread borrows a connection every {@code probeInterval} until
 * one comes back valid. A request that reaches the database twice (a token look-up, then its
 * command) would otherwise wait the timeout twice, and requests queued behind a waiting one would
 * wait for it first.
 *
 * <p>A borrower that times out on a pool that is merely busy (every connection lent, none failing)
 * is not taken for an outage: the pool's timeout then carries no connection failure.
 */
public final class FailFastDataSource extends DelegatingDataSource {

    private static final Logger log = LoggerFactory.getLogger(FailFastDataSource.class);

    private final long probeIntervalMillis;
    private final AtomicBoolean away = new AtomicBoolean();
    private volatile SQLException lastFailure;

    public FailFastDataSource(DataSource pool, Duration probeInterval) {
        super(pool);
        this.probeIntervalMillis = Math.max(1, probeInterval.toMillis());
    }

    /** True from a borrower's connection failure until the probe gets a valid connection again. */
    public boolean away() {
        return away.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrow(pool -> pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return borrow(pool -> pool.getConnection(username, password));
    }

    private interface Borrowing {
        Connection from(DataSource pool) throws SQLException;
    }

    /** Refused at once while the database is known away; a borrower's connection failure makes it known. */
    private Connection borrow(Borrowing borrowing) throws SQLException {
        if (away.get()) {
            throw new SQLTransientConnectionException(
                    "the database is unavailable; refused without waiting while a probe waits for it", "08001", lastFailure);
        }
        try {
            return borrowing.from(obtainTargetDataSource());
        } catch (SQLException e) {
            noteFailure(e);
            throw e;
        }
    }

    private void noteFailure(SQLException failure) {
        if (!meansAway(failure)) {
            return;
        }
        lastFailure = failure;
        if (away.compareAndSet(false, true)) {
            log.warn("database unavailable ({}); refusing connections until a probe gets one", failure.getMessage());
            Thread probe = new Thread(this::probeUntilBack, "database-probe");
            probe.setDaemon(true);
            probe.start();
        }
    }

    /**
     * A failure to connect, not a busy pool: the connection failure itself, or the pool's timeout
     * carrying the failure of its last attempt to connect.
     */
    static boolean meansAway(SQLException failure) {
        if (failure instanceof SQLTransientConnectionException && failure.getCause() == null) {
            return false;
        }
        return DatabaseUnavailable.isCause(failure.getCause())
                || (failure.getSQLState() != null && failure.getSQLState().startsWith("08"));
    }

    private void probeUntilBack() {
        while (away.get()) {
            try {
                Thread.sleep(probeIntervalMillis);
                try (Connection connection = obtainTargetDataSource().getConnection()) {
                    if (connection.isValid(1)) {
                        away.set(false);
                        log.info("database available again");
                    }
                }
            } catch (SQLException stillAway) {
                lastFailure = stillAway;
            } catch (InterruptedException e) {
                away.set(false);
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("database probe failed", e);
            }
        }
    }
}
