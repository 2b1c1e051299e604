package io.veltrix.query.organizer;

import static io.veltrix.query.Projections.ts;

import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.hunt.HuntOrganizerRemoved;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.organizer.OrganizerAccountDisabled;
import io.veltrix.api.organizer.OrganizerAccountEnabled;
import io.veltrix.api.organizer.OrganizerPasswordChanged;
import io.veltrix.query.Projections;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The organizer accounts ({@code organizer_login}: hash, disabled or not) and who organizes which
 * hunt ({@code hunt_staff}, in the order they joined it), from the account and hunt events. Every write is idempotent, so an event projected twice (a
 * batch retried after a crash) changes nothing.
 */
@Component
@ProcessingGroup(Projections.ORGANIZERS)
class OrganizerProjection {

    private final JdbcClient jdbc;

    OrganizerProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizerAccountCreated e, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO organizer_login (username, password_hash, created_at) VALUES (?, ?, ?)
                        ON CONFLICT (username) DO NOTHING""")
                .params(e.username(), e.passwordHash(), ts(at))
                .update();
    }

    @EventHandler
    void on(OrganizerAccountDisabled e) {
        disabled(e.username(), true);
    }

    @EventHandler
    void on(OrganizerAccountEnabled e) {
        disabled(e.username(), false);
    }

    @EventHandler
    void on(OrganizerPasswordChanged e) {
        jdbc.sql("UPDATE organizer_login SET password_hash = ? WHERE username = ?")
                .params(e.passwordHash(), e.username())
                .update();
    }

    private void disabled(String username, boolean disabled) {
        jdbc.sql("UPDATE organizer_login SET disabled = ? WHERE username = ?").params(disabled, username).update();
    }

    @EventHandler
    void on(HuntCreated e) {
        organizes(e.huntId().value(), e.organizer());
    }

    @EventHandler
    void on(HuntOrganizerAdded e) {
        organizes(e.huntId().value(), e.username());
    }

    @EventHandler
    void on(HuntOrganizerRemoved e) {
        jdbc.sql("DELETE FROM hunt_staff WHERE hunt_id = ? AND username = ?")
                .params(Projections.checkId(e.huntId().value()), e.username())
                .update();
    }

    private void organizes(String huntId, String username) {
        jdbc.sql("INSERT INTO hunt_staff (hunt_id, username) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(Projections.checkId(huntId), username)
                .update();
    }
}
