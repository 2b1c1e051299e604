package io.veltrix.query.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event table refuses changes (a trigger); its owner can switch that off, and the tests that
 * play a database user changing history do so as the owner.
 */
final class StoreTampering {

    private StoreTampering() {
    }

    static void allow(JdbcClient jdbc) {
        jdbc.sql("ALTER TABLE public.domain_event_entry DISABLE TRIGGER domain_event_entry_append_only").update();
    }

    static void forbid(JdbcClient jdbc) {
        jdbc.sql("ALTER TABLE public.domain_event_entry ENABLE TRIGGER domain_event_entry_append_only").update();
    }
}
