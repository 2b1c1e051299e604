package io.veltrix.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.platform.web.DatabaseUnavailable;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

class FailFastDataSourceTest {

    /** A pool whose database can be up or down, and that counts who borrowed. */
    private static final class Pool extends AbstractDataSource {
        volatile boolean databaseUp = true;
        volatile boolean busy;
        final AtomicInteger borrows = new AtomicInteger();

        @Override
        public Connection getConnection() throws SQLException {
            borrows.incrementAndGet();
            if (!databaseUp) {
                SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001",
                        new ConnectException("Connection refused"));
                throw new SQLTransientConnectionException("Connection is not available, request timed out after 500ms",
                        "08001", refused);
            }
            if (busy) {
                throw new SQLTransientConnectionException("Connection is not available, request timed out after 500ms");
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isValid" -> databaseUp;
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }

    @Test
    void onceTheDatabaseIsKnownAwayBorrowersAreRefusedWithoutWaitingForThePool() {
        Pool pool = new Pool();
        FailFastDataSource dataSource = new FailFastDataSource(pool, Duration.ofSeconds(60));
        pool.databaseUp = false;

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(dataSource.away()).isTrue();
        int borrowed = pool.borrows.get();

        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(dataSource::getConnection)
                    .satisfies(refused -> assertThat(DatabaseUnavailable.isCause(refused)).isTrue());
        }
        assertThat(pool.borrows.get()).as("borrows that reached the pool after the first failure").isEqualTo(borrowed);
    }

    @Test
    void aProbeLetsBorrowersThroughAgainOnceTheDatabaseIsBack() throws Exception {
        Pool pool = new Pool();
        FailFastDataSource dataSource = new FailFastDataSource(pool, Duration.ofMillis(10));
        pool.databaseUp = false;
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLException.class);
        Thread.sleep(100);
        assertThat(dataSource.away()).as("the probe keeps finding it away").isTrue();

        pool.databaseUp = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (dataSource.away() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(dataSource.away()).isFalse();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void aBusyPoolIsNotTakenForAnOutage() {
        Pool pool = new Pool();
        FailFastDataSource dataSource = new FailFastDataSource(pool, Duration.ofSeconds(60));
        pool.busy = true;

        assertThatThrownBy(dataSource::getConnection).isInstanceOf(SQLTransientConnectionException.class);
        assertThat(dataSource.away()).isFalse();
        pool.busy = false;
        int borrowed = pool.borrows.get();
        assertThat(dataSource).satisfies(ds -> ds.getConnection().close());
        assertThat(pool.borrows.get()).isEqualTo(borrowed + 1);
    }
}
