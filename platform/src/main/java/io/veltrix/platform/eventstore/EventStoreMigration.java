package io.veltrix.platform.eventstore;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates and migrates the event store's tables ({@code db/eventstore}, history table
 * {@code eventstore_schema_history}, apart from each service's own) when the bean is initialised:
 * the storage engine depends on this bean, so no event is read or appended before.
 */
public final class EventStoreMigration implements InitializingBean {

    private final DataSource dataSource;

    public EventStoreMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        migrate(dataSource);
    }

    /** Runs the event store's migrations now. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/eventstore")
                .schemas("public")
                .defaultSchema("public")
                .table("eventstore_schema_history")
                .load()
                .migrate();
    }
}
