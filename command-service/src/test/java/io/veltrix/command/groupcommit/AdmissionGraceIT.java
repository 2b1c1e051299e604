package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A backlog left by a moment when every worker was held (a stalled flush, a collector's pause)
 * drains once they are free: within the admission grace it is served, not refused.
 */
@TestPropertySource(properties = "veltrix.admission.grace=10s")
class AdmissionGraceIT extends HeldWorkersIT {

    @Test
    void aBacklogThatDrainsWithinTheGraceIsServedNotRefused() throws Exception {
        List<String> answers = findsQueuedBehindHeldWorkers();
        // every find went on to authentication (no token: 401); none was refused. A probe find
        // that reached a worker before the holders did is among the answers too.
        assertThat(answers).hasSizeGreaterThanOrEqualTo(QUEUED)
                .allMatch(a -> a.startsWith("HTTP/1.1 401"), "answered 401");
        assertThat(backlog.size()).isZero();
    }
}
