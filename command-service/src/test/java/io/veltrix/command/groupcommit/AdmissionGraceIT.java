package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A backlog left by a moment when a commit stalled (its flush held up by the disk) while every
 * worker waited drains once the commit is through: within the admission grace it is served, not
 * refused. The stall is real: a deferred trigger makes the {@code COMMIT} of the holding find's
 * batch wait three seconds. {@link WorkerBacklogIT} is the same backlog with no stall: refused.
 */
@TestPropertySource(properties = "veltrix.admission.grace=10s")
class AdmissionGraceIT extends HeldWorkersIT {

    private String table;

    @BeforeEach
    void eventTable() {
        String schema = superuser().sql("SELECT schemaname FROM pg_tables WHERE tablename = 'domain_event_entry'")
                .query(String.class).single();
        table = schema + ".domain_event_entry";
    }

    @AfterEach
    void noMoreStalls() {
        // waits for the stalled commit's lock on the table, so the next test starts without it
        superuser().sql("DROP TRIGGER IF EXISTS stall_commit ON " + table).update();
        superuser().sql("DROP FUNCTION IF EXISTS stall_commit()").update();
    }

    @Test
    void aBacklogBehindAStalledCommitIsServedNotRefused() throws Exception {
        String hunt = createHunt("{\"name\":\"Stalled flush\"}");
        String clue = addClue(hunt, "Well", List.of("bucket"), 10, null, 0);
        transition(hunt, "publish");
        String token = register(hunt, unique("stalled")).get("token").asText();
        transition(hunt, "start");
        // once per transaction, at COMMIT: as long as a flush the disk holds up, and longer
        superuser().sql("""
                CREATE FUNCTION stall_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF coalesce(current_setting('veltrix.test_stalled', true), '') = '' THEN
                        PERFORM set_config('veltrix.test_stalled', 'yes', true);
                        PERFORM pg_sleep(3);
                    END IF;
                    RETURN NULL;
                END $$""").update();
        superuser().sql("CREATE CONSTRAINT TRIGGER stall_commit AFTER INSERT ON " + table
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stall_commit()").update();

        List<String> answers = findsQueuedBehind(WITHOUT_BODY, findRequest(hunt, clue, "bucket", token));

        // every queued find went on to authentication (no token: 401); none was refused. A probe
        // find that reached a worker before the holders did is among the answers too.
        assertThat(answers).hasSizeGreaterThanOrEqualTo(QUEUED)
                .allMatch(a -> a.startsWith("HTTP/1.1 401"), "answered 401");
        assertThat(backlog.size()).isZero();
    }
}
