package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JettyHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long AWAIT_SECONDS = 20;

    @Test
    void aGetSendsTheSameHeadersAsRawHttpAndKeepsItsConnection() throws Exception {
        byte[] body = new byte[200_000]; // more than one read: the dropped body must still be read off the connection
        Arrays.fill(body, (byte) 'x');
        List<Map<String, List<String>>> seen = new CopyOnWriteArrayList<>();
        Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
        HttpServer server = httpServer(exchange -> {
            clients.add(exchange.getRemoteAddress());
            seen.add(new TreeMap<>(exchange.getRequestHeaders()));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        try (RawHttp raw = new RawHttp("test", uri(server), 4, TIMEOUT);
             JettyHttp jetty = new JettyHttp("test", uri(server), 4, TIMEOUT)) {
            assertEquals(200, await(raw.get("/api/hunts/h1/leaderboard?limit=50")));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, await(jetty.get("/api/hunts/h1/leaderboard?limit=50")));
            }
            assertEquals(seen.get(0), seen.get(1), "Jetty's request carries what RawHttp's does, nothing more");
            assertEquals(2, clients.size(), "one connection each, kept alive");
            assertEquals(1, jetty.connectionsOpened());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void manyConcurrentRequestsShareAtMostTheCappedConnections() throws Exception {
        Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            clients.add(exchange.getRemoteAddress());
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        try (JettyHttp jetty = new JettyHttp("test", uri(server), 3, TIMEOUT)) {
            List<CompletableFuture<Integer>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(jetty.get("/board"));
            }
            for (CompletableFuture<Integer> one : all) {
                assertEquals(200, await(one));
            }
            assertTrue(clients.size() <= 3, clients.size() + " connections");
            assertTrue(jetty.connectionsOpened() <= 3, jetty.connectionsOpened() + " connections opened");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPostArrivesWithItsHeadersAndBodyAndItsAnswerComesBackWhole() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = httpServer(exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization") + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] answer = "{\"outcome\":\"FOUND\",\"note\":\"café\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "2");
            exchange.getResponseHeaders().add("Veltrix-Rebuilding", "leaderboard");
            exchange.sendResponseHeaders(503, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        try (JettyHttp jetty = new JettyHttp("test", uri(server), 2, TIMEOUT)) {
            RawHttp.Response response = jetty.send("POST", "/api/hunts/h1/finds",
                    List.of(new String[] {"Authorization", "Bearer t1"}, new String[] {"Content-Type", "application/json"}),
                    "{\"clueId\":\"c1\"}".getBytes(StandardCharsets.UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("POST /api/hunts/h1/finds Bearer t1 application/json {\"clueId\":\"c1\"}", seen.get(0));
            assertEquals(503, response.status());
            assertEquals("{\"outcome\":\"FOUND\",\"note\":\"café\"}", response.body());
            assertEquals("2", response.retryAfter());
            assertEquals("leaderboard", response.rebuilding());
            assertTrue(response.answerNanos() > 0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anAnswerWithoutTheOptionalHeadersHasThemNull() throws Exception {
        HttpServer server = httpServer(exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        try (JettyHttp jetty = new JettyHttp("test", uri(server), 1, TIMEOUT)) {
            RawHttp.Response response = jetty.send("GET", "/x", List.of(), null).get(AWAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(204, response.status());
            assertEquals("", response.body());
            assertNull(response.retryAfter());
            assertNull(response.rebuilding());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheRequestsWithinTheTimeoutAsIoExceptions() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!listener.isClosed()) {
                        held.add(listener.accept()); // accepts, reads nothing, never answers
                    }
                } catch (IOException closed) {
                    // the test is over
                } finally {
                    done.countDown();
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI origin = URI.create("http://127.0.0.1:" + listener.getLocalPort());
            try (JettyHttp jetty = new JettyHttp("test", origin, 1, Duration.ofMillis(300))) {
                long start = System.nanoTime();
                CompletableFuture<Integer> sent = jetty.get("/board");
                CompletableFuture<Integer> queued = jetty.get("/board"); // waits for the only connection
                assertInstanceOf(IOException.class, failure(sent));
                assertInstanceOf(IOException.class, failure(queued));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "failed within the timeout, not the test's");
            }
        }
        assertTrue(done.await(AWAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void onlyPlainHttpAndAtLeastOneConnection() {
        assertThrows(IllegalArgumentException.class, () -> new JettyHttp("test", URI.create("https://localhost"), 1, TIMEOUT));
        assertThrows(IllegalArgumentException.class, () -> new JettyHttp("test", URI.create("http://localhost"), 0, TIMEOUT));
    }

    @Test
    void requestsAfterCloseFail() throws Exception {
        HttpServer server = httpServer(exchange -> exchange.sendResponseHeaders(200, -1));
        try {
            JettyHttp jetty = new JettyHttp("test", uri(server), 1, TIMEOUT);
            jetty.close();
            assertFalse(failure(jetty.get("/board")) == null);
        } finally {
            server.stop(0);
        }
    }

    private static HttpServer httpServer(HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
        return server;
    }

    private static URI uri(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static int await(CompletableFuture<Integer> status) throws Exception {
        return status.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> result) {
        return assertThrows(ExecutionException.class, () -> result.get(AWAIT_SECONDS, TimeUnit.SECONDS)).getCause();
    }
}
