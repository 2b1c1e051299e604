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
    void theLagIsBackFromTheFirstSecondAfterWhichItStaysWithinTheSlo() {
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
    void aStretchOverTheSloEndingLaterThanTheLimitIsAnError() {
        LagRecovery recovery = new LagRecovery();
        samples(recovery, 0, 11, 20);
        samples(recovery, 11, 2, 400); // two slow seconds, a fifth of the samples from there on
        samples(recovery, 13, 8, 20);
        Errors errors = new Errors();
        Map<String, Object> report = recovery.report(BACK, SLO, LIMIT, errors);
        assertEquals(13, report.get("underSloAfterSeconds"));
        assertEquals(1, errors.count());
        // without a limit the same series is only reported
        assertEquals(13, recovery.report(BACK, SLO, null, new Errors()).get("underSloAfterSeconds"));
    }

    @Test
    void oneSlowSampleLaterIsWithinTheP99OfWhatFollowsTheRecovery() {
        LagRecovery recovery = new LagRecovery();
        samples(recovery, 0, 3, 2_000);
        samples(recovery, 3, 40, 20);
        recovery.record(BACK + 30_500 * MS, 400 * MS); // a pause half a minute later: its second's p99
        Errors errors = new Errors();
        Map<String, Object> report = recovery.report(BACK, SLO, LIMIT, errors);
        assertEquals(3, report.get("underSloAfterSeconds"));
        assertEquals(0, errors.count());
    }

    @Test
    void aSlowSecondCountsUntilTheLagIsBackEvenWhenItsSamplesAreFewOfTheRest() {
        LagRecovery recovery = new LagRecovery();
        for (int i = 0; i < 3; i++) { // 3 of the 403 samples, under 1 %: yet the lag was not back then
            recovery.record(BACK + i * 300 * MS, 3_000 * MS);
        }
        samples(recovery, 1, 40, 20);
        assertEquals(1, recovery.report(BACK, SLO, LIMIT, new Errors()).get("underSloAfterSeconds"));
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
