package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreInMillisecondsFromMicrosecondRecords() {
        Latencies l = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            l.recordNanos(ms * 1_000_000L);
        }
        Map<String, Object> p = l.percentiles();
        assertEquals(1000L, p.get("count"));
        assertEquals(500.0, (double) p.get("p50"), 0.5);
        assertEquals(900.0, (double) p.get("p90"), 1.0);
        assertEquals(990.0, (double) p.get("p99"), 1.0);
        assertEquals(999.0, (double) p.get("p999"), 1.0);
        assertEquals(1000.0, (double) p.get("max"), 1.0);
        assertEquals(500.5, (double) p.get("mean"), 1.0);
    }

    @Test
    void anEmptyHistogramReportsOnlyItsCount() {
        Map<String, Object> p = new Latencies().percentiles();
        assertEquals(0L, p.get("count"));
        assertFalse(p.containsKey("p99"));
    }

    @Test
    void valuesBeyondTheRangeAreClampedNotLost() {
        Latencies l = new Latencies();
        l.recordNanos(Long.MAX_VALUE / 2);
        l.recordNanos(-5);
        assertEquals(2L, l.percentiles().get("count"));
    }
}
