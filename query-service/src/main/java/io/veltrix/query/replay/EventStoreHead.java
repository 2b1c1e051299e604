package io.veltrix.query.replay;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The store's head: how many events a replay has to go through. */
@Component
class EventStoreHead {

    private final JdbcClient jdbc;

    EventStoreHead(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The highest global index in the event store, 0 when it is empty. */
    long index() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }
}
