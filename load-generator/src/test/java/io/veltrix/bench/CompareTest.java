package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareTest {

    private static JsonNode json(String text) throws Exception {
        return Http.JSON.readTree(text);
    }

    @Test
    void showsEachProfilesFiguresAndTheRatiosOfTunedToDefaults() throws Exception {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        runs.put("tuned", json("""
                {"profile":"tuned","rates":{"findsAcknowledgedPerSecond":1000.0,"stampedeWallSeconds":4.5},
                 "latencyMs":{"finds":{"p99":40.0}},"rssPeaksMiB":{"command":{"vmHwmMiB":200},"query":{"vmHwmMiB":100}},
                 "errors":{"count":0}}"""));
        runs.put("axon-defaults", json("""
                {"profile":"axon-defaults","rates":{"findsAcknowledgedPerSecond":250.0},
                 "latencyMs":{"finds":{"p99":800.0}},"rssPeaksMiB":{"command":{"vmHwmMiB":400},"query":{"vmHwmMiB":200}},
                 "errors":{"count":3}}"""));
        runs.put("limit", json("""
                {"profile":"limit","rates":{"limitTps":10000.0}}"""));

        String table = Compare.table(runs);

        assertTrue(table.contains("finds accepted, % of limit TPS"), table);
        assertTrue(table.matches("(?s).*finds accepted, % of limit TPS\\s+10\\.0 %\\s+2\\.5 %.*"), table);
        assertTrue(table.matches("(?s).*stampede wall time \\(s\\)\\s+4\\.50\\s+-\\s+-.*"), table);
        assertTrue(table.matches("(?s).*throughput \\(finds accepted /s\\)\\s+4\\.00x.*"), table);
        assertTrue(table.matches("(?s).*finds latency p99\\s+0\\.05x.*"), table);
        assertTrue(table.matches("(?s).*RSS \\(both services' peaks\\)\\s+0\\.50x.*"), table);
        assertTrue(table.matches("(?s).*errors\\s+0\\s+3\\s+-.*"), table);
        // the ratios stay, with a word on the run that failed, and none on the one that did not
        assertTrue(table.contains("note: axon-defaults reported 3 errors; its figures come from a run that failed"), table);
        assertTrue(!table.contains("note: tuned"), table);
    }

    @Test
    void ladderRunsShowCapacityItsRatioAndItsShareOfTheLimit() throws Exception {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        runs.put("tuned", json("""
                {"profile":"tuned","rates":{"capacityAtSlo":1506.0,"cpuMsPerFindAtCapacity":0.9,"commitsPerFindAtCapacity":0.15,
                 "overloadAcceptedP99Ms":180.0,"overloadShed":12000,"recoverySeconds":2},"errors":{"count":0}}"""));
        runs.put("axon-defaults", json("""
                {"profile":"axon-defaults","rates":{"capacityAtSlo":280.0},"errors":{"count":0}}"""));
        runs.put("limit", json("""
                {"profile":"limit","rates":{"limitTps":10000.0}}"""));

        String table = Compare.table(runs);

        assertTrue(table.matches("(?s).*capacity at SLO \\(finds/s\\)\\s+1506\\s+280\\s+-.*"), table);
        assertTrue(table.matches("(?s).*capacity at SLO, % of limit TPS\\s+15\\.1 %\\s+2\\.8 %.*"), table);
        assertTrue(table.matches("(?s).*capacity at SLO\\s+5\\.38x.*"), table);
        assertTrue(table.matches("(?s).*recovery to SLO \\(s\\)\\s+2\\s+-.*"), table);
        // figures no run measured are left out rather than shown as a row of dashes
        assertTrue(!table.contains("board reads p99"), table);
    }

    @Test
    void aCapacityRatioAgainstABaselineRunToALooserSloSaysItIsALowerBound() throws Exception {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        runs.put("tuned", json("""
                {"profile":"tuned","rates":{"capacityAtSlo":1640.0},
                 "phases":{"ladder":{"slo":{"findsP99Ms":50.0,"lagP99Ms":100.0}}},"errors":{"count":0}}"""));
        runs.put("axon-defaults", json("""
                {"profile":"axon-defaults","rates":{"capacityAtSlo":269.0},
                 "phases":{"ladder":{"slo":{"findsP99Ms":50.0,"lagP99Ms":2000.0}}},"errors":{"count":0}}"""));

        String table = Compare.table(runs);

        assertTrue(table.matches("(?s).*capacity at SLO\\s+6\\.10x\\s+\\(a lower bound: axon-defaults ran to a looser SLO,"
                + " finds p99 <= 50 ms and lag p99 <= 2000 ms against tuned's 50 and 100\\).*"), table);

        runs.put("axon-defaults", json("""
                {"profile":"axon-defaults","rates":{"capacityAtSlo":269.0},
                 "phases":{"ladder":{"slo":{"findsP99Ms":50.0,"lagP99Ms":100.0}}},"errors":{"count":0}}"""));
        assertTrue(!Compare.table(runs).contains("bound"), Compare.table(runs));

        runs.put("axon-defaults", json("""
                {"profile":"axon-defaults","rates":{"capacityAtSlo":269.0},
                 "phases":{"ladder":{"slo":{"findsP99Ms":25.0,"lagP99Ms":2000.0}}},"errors":{"count":0}}"""));
        assertTrue(Compare.table(runs).contains("not like for like"), Compare.table(runs));
    }

    @Test
    void teamModeRunsShowTheirTeamStampede() throws Exception {
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        runs.put("tuned", json("""
                {"profile":"tuned","mode":"team","counts":{"teamsCreated":1000,"registrationsCreated":4000},
                 "rates":{"stampedeWallSeconds":3.5,"teamCreationsWallSeconds":1.25,"teamJoinsWallSeconds":2.25},
                 "errors":{"count":0}}"""));

        String table = Compare.table(runs);

        assertTrue(table.matches("(?s).*team mode: teams created\\s+1000\\s+-\\s+-.*"), table);
        assertTrue(table.matches("(?s).*team mode: creations wall time \\(s\\)\\s+1\\.25\\s+-.*"), table);
        assertTrue(table.matches("(?s).*team mode: joins wall time \\(s\\)\\s+2\\.25\\s+-.*"), table);
        assertTrue(table.matches("(?s).*stampede created\\s+4000\\s+-.*"), table);
    }
}
