package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {

    @TempDir
    Path dir;

    private static Map<String, Object> phases() {
        Latencies l = new Latencies();
        l.recordNanos(2_000_000);
        Map<String, Object> finds = new LinkedHashMap<>();
        finds.put("targetRate", 1000.0);
        finds.put("sent", 10L);
        finds.put("acknowledged200", 9L);
        finds.put("acknowledgedPerSecond", 9.0);
        finds.put("latencyMs", l.percentiles());
        Map<String, Object> lag = new LinkedHashMap<>();
        lag.put("sampled", 1L);
        lag.put("lagMs", l.percentiles());
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("finds", finds);
        phases.put("lag", lag);
        phases.put("replay", Map.of("available", false, "note", "replay endpoint not available (404)"));
        return phases;
    }

    @Test
    void theSummaryHasTheContractedTopLevelShape() throws Exception {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        Errors errors = new Errors();
        errors.add("finds-5xx", "500 boom");
        Map<String, Object> rss = Map.of("command", Map.of("pid", 1L, "vmHwmMiB", 200.0));
        Map<String, Object> summary = Summary.build("launch-day", "tuned", t, t.plusSeconds(70),
                Map.of("cores", 2, "memoryGiB", 8.0), Map.of("rate", "1000"), phases(), rss, errors.asReport());
        Path file = Summary.write(summary, dir, t, "tuned");
        assertEquals("20261126-100000-tuned.json", file.getFileName().toString());

        JsonNode json = Http.JSON.readTree(Files.readString(file));
        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("scenario", "profile", "startedAt", "finishedAt", "machine", "counts", "rates",
                "latencyMs", "lagMs", "rssPeaksMiB", "errors", "phases", "flags"), keys);
        assertEquals("tuned", json.get("profile").asText());
        assertEquals(2, json.at("/machine/cores").asInt());
        assertEquals(9, json.at("/counts/findsAcknowledged").asInt());
        assertEquals(9.0, json.at("/rates/findsAcknowledgedPerSecond").asDouble());
        for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
            assertTrue(json.at("/latencyMs/finds").has(p), p);
            assertTrue(json.get("lagMs").has(p), p);
        }
        assertEquals(1, json.at("/errors/count").asInt());
        assertEquals(1, json.at("/errors/byKind/finds-5xx").asInt());
        assertEquals(200.0, json.at("/rssPeaksMiB/command/vmHwmMiB").asDouble());
    }

    @Test
    void aTeamModeRunSaysSoAndReportsTheTeamStampede() {
        Map<String, Object> phases = phases();
        phases.put("setup", Map.of("huntId", "h", "mode", "team"));
        Map<String, Object> stampede = new LinkedHashMap<>();
        stampede.put("mode", "team");
        stampede.put("attempted", 12);
        stampede.put("created201", 12L);
        stampede.put("teamsCreated", 3);
        stampede.put("wallSeconds", 1.5);
        stampede.put("creations", Map.of("attempted", 3, "created201", 3L, "wallSeconds", 0.5));
        stampede.put("joins", Map.of("attempted", 9, "created201", 9L, "wallSeconds", 1.0));
        phases.put("stampede", stampede);
        Instant t = Instant.now();
        Map<String, Object> summary = Summary.build("launch-day", "tuned", t, t, Summary.machine(), Map.of(), phases,
                null, new Errors().asReport());

        assertEquals("team", summary.get("mode"));
        assertEquals(3, Summary.dig(summary, "counts", "teamsCreated"));
        assertEquals(9L, Summary.dig(summary, "counts", "teamJoinsCreated"));
        assertEquals(1.5, Summary.dig(summary, "rates", "stampedeWallSeconds"));
        assertEquals(0.5, Summary.dig(summary, "rates", "teamCreationsWallSeconds"));
        assertEquals(1.0, Summary.dig(summary, "rates", "teamJoinsWallSeconds"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.printTable(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith(System.lineSeparator() + "launch-day (team)"));
    }

    @Test
    void theTableReportsNumbersNotVerdicts() {
        Instant t = Instant.now();
        Map<String, Object> summary = Summary.build("launch-day", "axon-defaults", t, t, Summary.machine(),
                Map.of(), phases(), null, new Errors().asReport());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.printTable(summary, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("findsAcknowledgedPerSecond"));
        assertTrue(table.contains("replay endpoint not available"));
        String lower = table.toLowerCase();
        assertTrue(!lower.contains("pass") && !lower.contains("fail"), table);
    }
}
