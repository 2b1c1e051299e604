package io.veltrix.platform.eventstore;

import io.veltrix.eventstore.schema.EventStoreSchema;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;

/**
 * Refuses to start the service unless the event store is at the version its code expects
 * ({@link EventStoreSchema#requireCurrent}): the storage engine depends on this bean, so no event
 * is read or appended before. The service never migrates the event store itself; its owner does,
 * before the service starts.
 */
public final class EventStoreSchemaCheck implements InitializingBean {

    private final DataSource dataSource;

    public EventStoreSchemaCheck(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        EventStoreSchema.requireCurrent(dataSource);
    }
}
