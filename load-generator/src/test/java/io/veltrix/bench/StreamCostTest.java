package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamCostTest {

    @Test
    void enoughPlayersThatNoFindRepeatsAndPlayersTakeTurns() {
        assertEquals(25, StreamCost.playersNeeded(500, 20));
        assertEquals(2, StreamCost.playersNeeded(21, 20));
        assertEquals(1, StreamCost.playersNeeded(0, 20));
        List<String> clues = List.of("c1", "c2", "c3");
        int players = StreamCost.playersNeeded(10, clues.size());
        Set<StreamCost.Find> seen = new HashSet<>();
        for (long k = 0; k < 10; k++) {
            assertTrue(seen.add(StreamCost.find(k, players, clues)), "find " + k + " repeats one");
        }
        assertEquals(new StreamCost.Find(0, "c1"), StreamCost.find(0, players, clues));
        assertEquals(new StreamCost.Find(1, "c1"), StreamCost.find(1, players, clues), "the next player before the next clue");
        assertEquals(new StreamCost.Find(0, "c2"), StreamCost.find(players, players, clues));
    }

    @Test
    void theWindowsFiguresPerFrameAndPerStreamSecond() {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("requested", 100);
        seen.put("connected", 100);
        seen.put("failed", 0);
        seen.put("lostDuringRun", 0);
        seen.put("boardVersionsSeen", 20);
        seen.put("fanoutMs", Map.of("count", 2000L, "p50", 1.5, "p99", 9.0));
        seen.put("freshnessMs", Map.of("count", 20L));
        // 2,000 frames and 400 KB in 2 s, for 100 ms of CPU
        Map<String, Object> report = StreamCost.report("jetty", seen, 2000, 400_000, 1_000_000_000L, 1_100_000_000L, 2_000_000_000L);
        assertEquals(0.05, report.get("cpuMsPerFrame"));
        assertEquals(0.5, report.get("cpuMsPerStreamSecond"));
        assertEquals(10.0, report.get("framesPerStreamSecond"));
        assertEquals(200L, report.get("bytesPerFrame"));
        assertEquals(0.05, report.get("cores"));
        assertTrue(StreamCost.healthy(report));
        String line = StreamCost.line(report);
        assertTrue(line.startsWith("jetty stream   100 streams  frames 2000 (10.0/s a stream)  cpu 0.05 ms/frame"), line);
        assertTrue(line.contains("fan-out p50 1.5 ms  p99 9.0 ms"), line);
        seen.put("connected", 99);
        assertTrue(!StreamCost.healthy(StreamCost.report("raw", seen, 2000, 0, 0, 1, 1)), "a stream missing");
        assertNull(StreamCost.report("raw", seen, 0, 0, -1, 1, 1).get("cpuMsPerFrame"), "no CPU reading, no figure");
    }

    @Test
    void aStreamRunNeedsTheCluesToFind() {
        assertThrows(IllegalArgumentException.class, () -> new StreamCost(setup(URI.create("http://localhost:1"), List.of())));
        assertEquals(2, ClientCost.main(new String[] {"--client", "raw", "--hunt", "h", "--request", "stream"}));
    }

    @ParameterizedTest
    @EnumSource(ClientCost.Client.class)
    void aRunRegistersFindsAtTheRateAndMeasuresTheFramesEveryStreamGot(ClientCost.Client client) throws Exception {
        try (BoardStreamServer server = new BoardStreamServer()) {
            Map<String, Object> report = new StreamCost(setup(server.url(), List.of("c1", "c2"))).run(client);
            assertTrue(StreamCost.healthy(report), report.toString());
            assertEquals(4, report.get("connected"));
            long finds = (Long) report.get("findsAccepted");
            assertEquals(server.finds.size(), finds);
            assertTrue(finds >= 20 && finds <= 30, finds + " finds at 20/s over 1.3 s");
            assertEquals(finds, server.finds.stream().distinct().count(), "no find repeats a player's clue");
            assertTrue(server.finds.get(0).matches("Bearer t\\d+ \\{\"clueId\":\"c1\",\"answer\":\"piano\"}|"
                    + "Bearer t\\d+ \\{\"answer\":\"piano\",\"clueId\":\"c1\"}"), server.finds.get(0));
            long frames = (Long) report.get("frames");
            assertTrue(frames >= 4L * 10, frames + " frames: every stream gets the window's changes");
            assertEquals(frames, ((Map<?, ?>) report.get("fanoutMs")).get("count"), "a delay for every frame in the window");
            assertNotNull(report.get("cpuMsPerFrame"));
            assertNotNull(report.get("cpuMsPerStreamSecond"));
            assertNotNull(report.get("cpuMsPerStreamOpened"));
        }
    }

    private static StreamCost.Setup setup(URI url, List<String> clues) {
        return new StreamCost.Setup(url, url, "h", clues, "piano", 4, 20, Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}
