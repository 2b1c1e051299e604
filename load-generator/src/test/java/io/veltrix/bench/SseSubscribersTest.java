package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SseSubscribersTest {

    private static final int SUBSCRIBERS = 3;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Test
    void everySubscriberGetsTheSnapshotThenTheChangeAndSeesTheStreamEnd() throws Exception {
        CountDownLatch allConnected = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("event:board\ndata:{\"version\":1,\"board\":[]}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                allConnected.await(10, TimeUnit.SECONDS);
                out.write(":keep-alive\n\nevent:board\ndata:{\"version\":2,\"board\":[]}\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        Errors errors = new Errors();
        URI stream = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/hunts/h/leaderboard/stream");
        try (SseSubscribers subscribers = new SseSubscribers(stream, SUBSCRIBERS, errors)) {
            subscribers.start(WAIT_NANOS);
            assertEquals(SUBSCRIBERS, subscribers.connected());
            allConnected.countDown();
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (((Number) subscribers.report().get("lostDuringRun")).intValue() < SUBSCRIBERS
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Map<String, Object> report = subscribers.report();
            assertEquals(SUBSCRIBERS, report.get("connected"));
            assertEquals(0, report.get("failed"));
            assertEquals(2L * SUBSCRIBERS, report.get("events"));
            assertEquals((long) SUBSCRIBERS, report.get("initialSnapshots"));
            assertEquals(1, report.get("boardVersionsSeen"));
            assertEquals(SUBSCRIBERS, report.get("lostDuringRun")); // the last chunk ended each stream
            assertEquals(Map.of("sse-lost", (long) SUBSCRIBERS), errors.asReport().get("byKind"));
        } finally {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
