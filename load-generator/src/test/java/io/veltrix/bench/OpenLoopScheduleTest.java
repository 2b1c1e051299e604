package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void requestsAreSpacedByTheRateFromTheStart() {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, 1000, 1_000_000_000L);
        assertEquals(1000, s.count());
        assertEquals(1_000, s.intendedStart(0));
        assertEquals(1_000 + 1_000_000, s.intendedStart(1));
        assertEquals(1_000 + 999_000_000L, s.intendedStart(999));
    }

    @Test
    void fractionalIntervalsDoNotDrift() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 3, 10_000_000_000L);
        assertEquals(30, s.count());
        assertEquals(3_000_000_000L, s.intendedStart(9));
        assertEquals(9_666_666_667L, s.intendedStart(29));
    }


    @Test
    void aStalledServerIsChargedFromTheIntendedStartNotFromTheLateSend() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 1000, 1_000_000_000L);
        // the server stalls 500 ms on request 0; request 100 was due at 100 ms but could only be
        // sent at 500 ms, and it was answered in 1 ms
        long intended = s.intendedStart(100);
        long sentAt = 500_000_000L;
        long completed = sentAt + 1_000_000L;
        assertEquals(401_000_000L, OpenLoopSchedule.correctedLatency(intended, completed));
        assertEquals(1_000_000L, completed - sentAt); // what an uncorrected, closed-loop tool would have reported
    }

    @Test
    void correctedHistogramKeepsTheStall() {
        // 1000/s for 1 s, a server that answers in 1 ms except for a 200 ms stall at t = 0 that
        // holds every request due during it until the stall ends
        OpenLoopSchedule s = new OpenLoopSchedule(0, 1000, 1_000_000_000L);
        Latencies corrected = new Latencies();
        Latencies naive = new Latencies();
        long stallEnds = 200_000_000L;
        for (long i = 0; i < s.count(); i++) {
            long intended = s.intendedStart(i);
            long sent = Math.max(intended, stallEnds);
            long done = sent + 1_000_000L;
            corrected.recordNanos(OpenLoopSchedule.correctedLatency(intended, done));
            naive.recordNanos(done - sent);
        }
        // a fifth of the requests waited behind the stall: p90 is fine, p99 is not
        assertEquals(1.0, (double) Latencies.percentiles(naive.snapshot()).get("p99"), 0.01);
        assertEquals(1.0, (double) Latencies.percentiles(corrected.snapshot()).get("p50"), 0.01);
        double p99 = (double) Latencies.percentiles(corrected.snapshot()).get("p99");
        assertEquals(191.0, p99, 1.0);
    }

    @Test
    void aPermitIsTakenWhileOneIsFreeAndRefusedOnceTheDeadlinePassedWithoutOne() {
        Semaphore inFlight = new Semaphore(2);
        long soon = System.nanoTime() + 50_000_000L;

        assertTrue(OpenLoopSchedule.acquireBefore(inFlight, 1, soon));
        assertTrue(OpenLoopSchedule.acquireBefore(inFlight, 1, soon));
        assertFalse(OpenLoopSchedule.acquireBefore(inFlight, 1, soon));
        assertTrue(System.nanoTime() >= soon);
        assertEquals(0, inFlight.availablePermits());
    }

    @Test
    void allPermitsAtOnceWaitForTheLastOneReleasedBeforeTheDeadline() throws Exception {
        Semaphore inFlight = new Semaphore(3);
        inFlight.acquire(2);
        Thread releaser = new Thread(() -> {
            LockSupport.parkNanos(20_000_000L);
            inFlight.release(2);
        });
        releaser.start();

        assertTrue(OpenLoopSchedule.acquireBefore(inFlight, 3, System.nanoTime() + 10_000_000_000L));
        releaser.join();
        assertFalse(OpenLoopSchedule.acquireBefore(inFlight, 1, System.nanoTime()));
    }

    @Test
    void aStartStillAheadIsWaitedForAndALateOneSaysHowLate() {
        long intended = System.nanoTime() + 20_000_000L;
        assertEquals(0, OpenLoopSchedule.awaitStart(intended));
        long lateBy = OpenLoopSchedule.awaitStart(System.nanoTime() - 50_000_000L);
        assertTrue(lateBy >= 50_000_000L, "late by " + lateBy);
    }
}
