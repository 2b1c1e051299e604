package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostMeterTest {

    @Test
    void statFieldsAreCountedAfterTheLastParenthesisOfTheCommandName() {
        String stat = "4242 (java (worker) 1) S 17 4242 17 0 -1 4194560 5000 0 3 0 1234 567 89 10 20 0 42 0 999 "
                + "1000000 500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 17 1 0 0 0 0 0";
        CostMeter.ProcStat p = CostMeter.parse(stat);
        assertEquals(17, p.ppid());
        assertEquals(1234, p.utime());
        assertEquals(567, p.stime());
        assertEquals(89, p.cutime());
        assertEquals(10, p.cstime());
        assertEquals(1234 + 567 + 89 + 10, p.ticks());
    }

    @Test
    void aRootCountsEveryProcessBelowItButNotAnotherRootsTree() {
        Map<Long, CostMeter.ProcStat> ps = new LinkedHashMap<>();
        ps.put(1L, new CostMeter.ProcStat(0, 1, 0, 0, 0));       // launcher
        ps.put(10L, new CostMeter.ProcStat(1, 100, 50, 0, 0));   // command service
        ps.put(20L, new CostMeter.ProcStat(1, 30, 20, 400, 100)); // postmaster, with exited backends' CPU
        ps.put(21L, new CostMeter.ProcStat(20, 7, 3, 0, 0));     // a backend
        ps.put(22L, new CostMeter.ProcStat(21, 1, 1, 0, 0));     // below the backend
        ps.put(30L, new CostMeter.ProcStat(10, 5, 5, 0, 0));     // a child of the command service
        ps.put(40L, new CostMeter.ProcStat(10, 9, 9, 0, 0));     // another root, started by the command service
        Map<String, Long> roots = new LinkedHashMap<>();
        roots.put("command", 10L);
        roots.put("postgres", 20L);
        roots.put("query", 40L);
        roots.put("gone", 99L);
        Map<String, Long> ticks = CostMeter.treeTicks(roots, ps);
        assertEquals(160L, ticks.get("command"));
        assertEquals(550L + 10 + 2, ticks.get("postgres"));
        assertEquals(18L, ticks.get("query"));
        assertFalse(ticks.containsKey("gone"));
    }
}
