package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagRecoveryTest {

    private static final long BACK = 1_000_000_000_000L; // the faulted part's "serving again" instant
    private static final long MS = 1_000_000L;
    private static final Duration SLO = Duration.ofMillis(100);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** Ten samples a second for {@code seconds} seconds from {@code fromSecond}, each with {@code lagMs}. */
    private static void samples(LagRecovery recovery, int fromSecond, int seconds, long lagMs) {
        for (int s = fromSecond; s < fromSecond + seconds; s++) {
            for (int i = 0; i < 10; i++) {
                recovery.record(BACK + s * 1000 * MS + i * 100 * MS, lagMs * MS);
            }
        }
    }

    @Test
    void theLagIsBackWhenNoLaterSecondIsOverTheSlo() {
        LagRecovery recovery = new LagRecovery();
        samples(recovery, -5, 5, 9_000); // acknowledged while it was down: not counted
        samples(recovery, 0, 4, 2_000);
        samples(recovery, 4, 10, 20);
        Errors errors = new Errors();
        Map<String, Object> report = recovery.report(BACK, SLO, LIMIT, errors);
        assertEquals(4, report.get("underSloAfterSeconds"));
        assertEquals(0, errors.count());
    }

    @Test
    void aSecondOverTheSloLaterThanTheLimitIsAnError() {
        LagRecovery recovery = new LagRecovery();
        samples(recovery, 0, 12, 20);
        recovery.record(BACK + 11_500 * MS, 400 * MS); // one slow sample in the 12th second: its p99
        samples(recovery, 12, 3, 20);
        Errors errors = new Errors();
        Map<String, Object> report = recovery.report(BACK, SLO, LIMIT, errors);
        assertEquals(12, report.get("underSloAfterSeconds"));
        assertEquals(1, errors.count());
        // without a limit the same series is only reported
        assertEquals(12, recovery.report(BACK, SLO, null, new Errors()).get("underSloAfterSeconds"));
    }

    @Test
    void aLagStillOverTheSloAtTheEndIsNotRecovered() {
        LagRecovery recovery = new LagRecovery();
        samples(recovery, 0, 3, 20);
        samples(recovery, 3, 2, 500);
        Errors errors = new Errors();
        Map<String, Object> report = recovery.report(BACK, SLO, LIMIT, errors);
        assertNull(report.get("underSloAfterSeconds"));
        assertEquals(1, errors.count());
    }

    @Test
    void aFaultedPartNeverSeenServingAgainOrNoSampleAfterItCannotBeJudged() {
        LagRecovery recovery = new LagRecovery();
        samples(recovery, -3, 3, 20);
        Errors notBack = new Errors();
        recovery.report(0, SLO, LIMIT, notBack);
        assertEquals(1, notBack.count());
        Errors noSample = new Errors();
        recovery.report(BACK, SLO, LIMIT, noSample);
        assertEquals(1, noSample.count());
    }
}
