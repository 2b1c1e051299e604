package io.veltrix.command.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hunt with startsAt / endsAt starts and ends on its own, from deadlines kept in the database. */
class HuntClockIT extends CommandServiceIT {

    private String statusOf(String hunt) {
        return jdbc.sql("SELECT status FROM hunt_state WHERE hunt_id = ?").param(hunt).query(String.class).single();
    }

    private void awaitStatus(String hunt, String expected) throws InterruptedException {
        for (int i = 0; i < 100 && !expected.equals(statusOf(hunt)); i++) {
            Thread.sleep(100);
        }
        assertThat(statusOf(hunt)).isEqualTo(expected);
    }

    @Test
    void aTimedHuntStartsAndEndsOnItsOwn() throws InterruptedException {
        Instant now = Instant.now();
        String hunt = createHunt("{\"name\":\"Timed\",\"startsAt\":\"" + now.plusSeconds(1) + "\",\"endsAt\":\""
                + now.plusSeconds(4) + "\"}");
        addClue(hunt, "Clue", List.of("x"), 5, null, 0);
        assertThat(statusOf(hunt)).isEqualTo("DRAFT");
        transition(hunt, "publish");
        awaitStatus(hunt, "RUNNING");
        awaitStatus(hunt, "ENDED");
        List<String> by = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8')::json ->> 'by' FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type IN ('io.veltrix.api.hunt.HuntStarted',
                                                                            'io.veltrix.api.hunt.HuntEnded')
                        ORDER BY sequence_number
                        """).param(hunt).query(String.class).list();
        assertThat(by).containsExactly("scheduler", "scheduler");
    }
}
