package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.pgbinaries.ServiceRoles;
import org.junit.jupiter.api.Test;

/**
 * The query service as the launcher runs it, and as every test on {@link QueryTestBase} runs it:
 * connected as its own database role, which reads the event store and writes only its projections
 * and tracking tokens. The events are appended as the command service's role would, and the
 * service projects and serves them.
 */
class QueryServiceRoleTest extends QueryTestBase {

    @Test
    void theServiceConnectsAsItsOwnRoleNotAsASuperuser() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(ServiceRoles.QUERY);
        assertThat(jdbc.sql("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles"
                + " WHERE rolname = current_user").query(Boolean.class).single()).isFalse();
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM public.domain_event_entry WHERE false").update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) VALUES ('x', 'x', 0, 'now', 'x', '\\x00')").update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("ALTER TABLE public.domain_event_entry DISABLE TRIGGER"
                + " domain_event_entry_append_only").update())
                .rootCause().hasMessageContaining("must be owner");
    }

    @Test
    void aHuntAppendedByTheCommandRoleIsProjectedAndServed() throws Exception {
        HuntScenario scenario = HuntScenario.generate(7L, 4, 3, 40);
        scenario.appendTo(events, 10);

        awaitBoardsMatchReplay(scenario.hunt);
        assertThat(new ApiClient(port).get("/api/hunts/" + scenario.hunt.value() + "/leaderboard").statusCode())
                .isEqualTo(200);
        // its processors keep their tokens in the event store's schema, as the role may
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE owner IS NOT NULL").query(Long.class).single())
                .isPositive();
    }
}
