package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeneratorCpuTest {

    @Test
    void cpuPerRequestIsTheWindowsCpuInMillisecondsOverTheAnsweredRequests() {
        // 1.5 s of CPU for 20,000 requests: 0.075 ms each
        assertEquals(0.075, GeneratorCpu.millisPerRequest(4_000_000_000L, 5_500_000_000L, 20_000), 1e-9);
        assertEquals(0.0333, GeneratorCpu.millisPerRequest(0, 100_000_000L, 3_000), 1e-9); // rounded to 4 decimals
    }

    @Test
    void noFigureWithoutAnswersOrWithoutACpuReading() {
        assertNull(GeneratorCpu.millisPerRequest(0, 1_000_000, 0));
        assertNull(GeneratorCpu.millisPerRequest(-1, 1_000_000, 10));
        assertNull(GeneratorCpu.millisPerRequest(0, -1, 10));
    }

    @Test
    void cpuTimeGoingBackIsAnErrorNotANegativeCost() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorCpu.millisPerRequest(2_000_000, 1_000_000, 10));
    }

    @Test
    void coresAreCpuOverWallTime() {
        assertEquals(0.25, GeneratorCpu.cores(5_000_000_000L, 20_000_000_000L), 1e-9);
        assertEquals(1.5, GeneratorCpu.cores(3_000_000_000L, 2_000_000_000L), 1e-9);
        assertNull(GeneratorCpu.cores(1, 0));
        assertNull(GeneratorCpu.cores(-1, 10));
    }

    @Test
    void theProcessCpuCountsThisThreadsWork() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = GeneratorCpu.processCpuNanos();
        long threadStart = threads.getCurrentThreadCpuTime();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() - threadStart < 100_000_000L) { // 0.1 s of this thread's CPU, however long it takes
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        long after = GeneratorCpu.processCpuNanos();
        assertTrue(before >= 0, "this JVM reports its process CPU");
        assertTrue(after - before >= 80_000_000L, "at least that, less a clock tick; the process counted " + (after - before) + " ns (" + sink + ")");
    }
}
