package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Both stream clients, the generator's own and Jetty's, against the same small board server. */
class BoardStreamsTest {

    private static final int STREAMS = 5;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(20);

    static BoardStreams open(ClientCost.Client client, URI stream, int count, Errors errors) throws IOException {
        return client == ClientCost.Client.raw ? new SseSubscribers(stream, count, errors)
                : new JettySseSubscribers(stream, count, errors);
    }

    @ParameterizedTest
    @EnumSource(ClientCost.Client.class)
    void everyStreamGetsTheSnapshotThenEveryChangeAndSeesTheStreamEnd(ClientCost.Client client) throws Exception {
        Errors errors = new Errors();
        try (BoardStreamServer server = new BoardStreamServer();
             BoardStreams streams = open(client, BoardStreams.uri(server.url().toString(), "h", true), STREAMS, errors)) {
            streams.start(WAIT_NANOS);
            assertEquals(STREAMS, streams.connected());
            await(() -> server.streamsOpen() == STREAMS);
            await(() -> ((Number) streams.report().get("initialSnapshots")).intValue() == STREAMS);
            for (int i = 0; i < 3; i++) {
                server.change();
            }
            await(() -> ((Number) streams.report().get("events")).intValue() == 4 * STREAMS);
            server.end();
            await(() -> ((Number) streams.report().get("lostDuringRun")).intValue() == STREAMS);
            Map<String, Object> report = streams.report();
            assertEquals(STREAMS, report.get("connected"));
            assertEquals(0, report.get("failed"));
            assertEquals(4L * STREAMS, report.get("events"));
            assertEquals((long) STREAMS, report.get("initialSnapshots"));
            assertEquals(3, report.get("boardVersionsSeen"));
            assertEquals(3L * STREAMS, ((Map<?, ?>) report.get("fanoutMs")).get("count"), "a delay for every change frame");
            assertEquals(3L, ((Map<?, ?>) report.get("freshnessMs")).get("count"), "a freshness for every version");
            assertTrue(((Number) report.get("bytesReceived")).longValue() > 0);
            assertEquals(Map.of("sse-lost", (long) STREAMS), errors.asReport().get("byKind"));
        }
    }

    @Test
    void theStreamAsksForChangesWithMovedRunsOrForWholeBoards() {
        assertEquals(URI.create("http://localhost:8082/api/hunts/h1/leaderboard/stream?changes=true&moves=true"),
                BoardStreams.uri("http://localhost:8082/", "h1", true));
        assertEquals(URI.create("http://board.example/veltrix/api/hunts/h1/leaderboard/stream"),
                BoardStreams.uri("http://board.example/veltrix", "h1", false));
    }

    @Test
    void bothClientsSendTheSameSubscription() throws Exception {
        try (BoardStreamServer server = new BoardStreamServer()) {
            for (ClientCost.Client client : ClientCost.Client.values()) {
                try (BoardStreams streams = open(client, BoardStreams.uri(server.url().toString(), "h", true), 1, new Errors())) {
                    streams.start(WAIT_NANOS);
                    assertEquals(1, streams.connected());
                }
            }
            await(() -> server.streamRequestHeaders.size() == 2);
            Map<String, List<String>> raw = server.streamRequestHeaders.get(0);
            assertEquals(List.of("text/event-stream"), raw.get("Accept"));
            assertEquals(List.of("no-cache"), raw.get("Cache-control"));
            assertEquals(raw, server.streamRequestHeaders.get(1), "Jetty's request carries what the raw one does, nothing more");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientCost.Client.class)
    void aNewTallyCountsOnlyWhatCameAfterIt(ClientCost.Client client) throws Exception {
        try (BoardStreamServer server = new BoardStreamServer();
             BoardStreams streams = open(client, BoardStreams.uri(server.url().toString(), "h", true), STREAMS, new Errors())) {
            streams.start(WAIT_NANOS);
            await(() -> server.streamsOpen() == STREAMS);
            await(() -> ((Number) streams.report().get("initialSnapshots")).intValue() == STREAMS);
            BoardFrames window = streams.restartFrames();
            server.change();
            await(() -> window.frames() == STREAMS);
            Map<String, Object> report = streams.report();
            assertEquals((long) STREAMS, report.get("events"));
            assertEquals(0L, report.get("initialSnapshots"), "the snapshots went to the tally before");
            assertEquals(1, report.get("boardVersionsSeen"));
        }
    }

    @ParameterizedTest
    @EnumSource(ClientCost.Client.class)
    void aStreamRefusedWithAStatusIsCountedAsFailedNotAsLost(ClientCost.Client client) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            // as the query service refuses a stream over its quota: a problem body, chunked, all in one read
            exchange.getResponseHeaders().set("Retry-After", "1");
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(429, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"status\":429}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        Errors errors = new Errors();
        URI stream = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/hunts/h/leaderboard/stream");
        try (BoardStreams streams = open(client, stream, 2, errors)) {
            streams.start(WAIT_NANOS);
            Map<String, Object> report = streams.report();
            assertEquals(0, report.get("connected"));
            assertEquals(2, report.get("failed"));
            assertEquals(0, report.get("lostDuringRun"));
            assertEquals(Map.of("sse-status", 2L), errors.asReport().get("byKind"));
        } finally {
            server.stop(0);
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within the wait");
            Thread.sleep(5);
        }
    }
}
