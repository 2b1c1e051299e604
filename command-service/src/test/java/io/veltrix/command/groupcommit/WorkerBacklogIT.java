package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * When the worker threads are all busy and requests queue in front of them, finds are refused
 * with 503 + Retry-After as soon as a thread reaches them, not run late; once the queue is short
 * again they are served. No grace here: the backlog is refused for the moment it is seen.
 */
@TestPropertySource(properties = "veltrix.admission.grace=0ms")
class WorkerBacklogIT extends HeldWorkersIT {

    @Test
    void findsWaitingBehindBusyWorkersAreRefusedAtOnceAndServedAgainOnceTheQueueIsShort() throws Exception {
        List<String> answers = findsQueuedBehindHeldWorkers();
        // the first ones a worker reached still had more than one behind them: refused; the last
        // ones had not, and went on to authentication (no token: 401)
        assertThat(answers).anyMatch(a -> a.startsWith("HTTP/1.1 503") && a.contains("Retry-After: ")
                && a.contains("application/problem+json"));
        assertThat(answers).anyMatch(a -> a.startsWith("HTTP/1.1 401"));
        assertThat(backlog.size()).isZero();
    }
}
