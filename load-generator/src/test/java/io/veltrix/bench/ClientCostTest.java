package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class ClientCostTest {

    @Test
    void theBoardProbeIsTheBoardReadsGet() {
        ClientCost.Probe board = ClientCost.probe(ClientCost.Kind.board, "h1", 50, null);
        assertEquals("GET", board.method());
        assertEquals("/api/hunts/h1/leaderboard?limit=50", board.pathAndQuery());
        assertNull(board.body());
        assertEquals(200, board.expectedStatus());
    }

    @Test
    void theFindProbeIsAPlayersFindWithoutAClueSoTheServiceRefusesIt() {
        ClientCost.Probe find = ClientCost.probe(ClientCost.Kind.find, "h1", 50, "tok");
        assertEquals("POST", find.method());
        assertEquals("/api/hunts/h1/finds", find.pathAndQuery());
        assertArrayEquals(new String[] {"Authorization", "Bearer tok"}, find.headers().get(0));
        assertArrayEquals(new String[] {"Content-Type", "application/json"}, find.headers().get(1));
        assertEquals(ClientCost.REFUSED_FIND, new String(find.body(), StandardCharsets.UTF_8));
        assertEquals(400, find.expectedStatus());
        assertThrows(IllegalArgumentException.class, () -> ClientCost.probe(ClientCost.Kind.find, "h1", 50, " "));
    }

    @Test
    void aWindowSendsTheScheduleThroughEitherClientAndCountsWhatCameBack() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                seen.add(exchange.getRequestMethod() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] answer = "{\"status\":400}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        URI origin = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ClientCost.Probe find = ClientCost.probe(ClientCost.Kind.find, "h1", 50, "tok");
        try (LoadHttp raw = new RawHttp("test", origin, 2, Duration.ofSeconds(10));
             LoadHttp jetty = new JettyHttp("test", origin, 2, Duration.ofSeconds(10))) {
            for (LoadHttp http : List.of(raw, jetty)) {
                seen.clear();
                ClientCost.Window window = new ClientCost.Window(find);
                window.run(http, new Semaphore(4), 4, 100, Duration.ofMillis(300)); // 30 requests, all answered on return
                Map<String, Object> report = window.report("c", "find", 100, 0, 60_000_000L, 300_000_000L);
                assertEquals(30L, report.get("answered"));
                assertEquals(30, seen.size());
                assertEquals("POST " + ClientCost.REFUSED_FIND, seen.get(0));
                assertEquals(Map.of("400", 30L), report.get("status"));
                assertEquals(0L, report.get("unexpectedStatus"));
                assertEquals(0L, report.get("failures"));
                assertEquals(2.0, report.get("cpuMsPerRequest"));
                assertEquals(0.2, report.get("cores"));
                assertEquals(30L, ((Map<?, ?>) report.get("latencyMs")).get("count"));
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnexpectedStatusAndAFailureAreCountedApartFromTheAnswers() {
        ClientCost.Window window = new ClientCost.Window(ClientCost.probe(ClientCost.Kind.board, "h1", 50, null));
        window.answered(0, 1_000_000, 200, null);
        window.answered(0, 2_000_000, 503, null);
        window.answered(0, 3_000_000, null, new IOException("connection closed by the server before the response"));
        Map<String, Object> report = window.report("raw", "board", 1000, 0, 1_000_000, 1_000_000_000);
        assertEquals(2L, report.get("answered"));
        assertEquals(1L, report.get("unexpectedStatus"));
        assertEquals(1L, report.get("failures"));
        assertEquals(0.5, report.get("cpuMsPerRequest"), "CPU shared over the answered requests");
        assertTrue(((String) report.get("firstFailure")).contains("before the response"));
        assertEquals(3L, ((Map<?, ?>) report.get("latencyMs")).get("count"));
        assertNull(window.report("raw", "board", 1000, -1, 1_000_000, 1_000_000_000).get("cores"), "no CPU reading, no figure");
    }

    @Test
    void theLineNamesTheClientItsCostAndItsLatency() {
        ClientCost.Window window = new ClientCost.Window(ClientCost.probe(ClientCost.Kind.board, "h1", 50, null));
        window.answered(0, 4_000_000, 200, null);
        String line = ClientCost.line(window.report("jetty", "board", 2000, 0, 250_000, 1_000_000_000));
        assertTrue(line.startsWith("jetty board   2000/s  answered 1  cpu 0.25 ms/request"), line);
        assertTrue(line.contains("p50 4.0 ms"), line);
    }
}
