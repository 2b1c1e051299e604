package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RawHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long AWAIT_SECONDS = 20;
    private static final long IDLE_PAUSE_MILLIS = 100;

    @Test
    void contentLengthBodyIsSkippedAndTheConnectionKeptAlive() throws Exception {
        byte[] body = new byte[200_000]; // more than one socket read
        Arrays.fill(body, (byte) 'x');
        Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = httpServer(exchange -> {
            clients.add(exchange.getRemoteAddress());
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Host")
                    + " " + exchange.getRequestHeaders().getFirst("Accept"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        try (RawHttp gets = new RawHttp("test", uri(server), 4, TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, await(gets.get("/api/hunts/h1/leaderboard?limit=50")));
            }
            assertEquals(1, clients.size());
            assertEquals(1, gets.connectionsOpened());
            String host = "127.0.0.1:" + server.getAddress().getPort();
            assertEquals("GET /api/hunts/h1/leaderboard?limit=50 " + host + " application/json", seen.get(0));
            assertEquals(3, seen.size());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsSkipped() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        List<String> pieces = List.of(head, "8;name=value\r\n[{\"a", "\":1}\r\n", "2\r\n]\n\r\n",
                "0\r\nX-Checksum: 1\r\nX-Other: 2\r\n", "\r\n");
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (readRequest(in)) {
                for (String piece : pieces) {
                    out.write(piece.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        }); RawHttp gets = new RawHttp("test", server.uri(), 4, TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, await(gets.get("/board")));
            }
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void nonSuccessStatusesAreReportedAsSuch() throws Exception {
        HttpServer server = httpServer(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/busy")) {
                byte[] body = "{\"title\":\"busy\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            } else if (path.equals("/missing")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        try (RawHttp gets = new RawHttp("test", uri(server), 1, TIMEOUT)) {
            assertEquals(503, await(gets.get("/busy")));
            assertEquals(404, await(gets.get("/missing")));
            assertEquals(200, await(gets.get("/fine")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void manyConcurrentRequestsShareAtMostTheCappedConnections() throws Exception {
        int cap = 4;
        int requests = 500;
        int[] statuses = {200, 404, 503};
        AtomicInteger handled = new AtomicInteger();
        // each answer's status and body length follow from its request, so a crossed answer shows
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String head;
            while ((head = readRequestHead(in)) != null) {
                int i = Integer.parseInt(head.substring(head.indexOf("?i=") + 3, head.indexOf(" HTTP/1.1")));
                handled.incrementAndGet();
                out.write(("HTTP/1.1 " + statuses[i % statuses.length] + " \r\nContent-Length: " + i % 50 + "\r\n\r\n"
                        + "x".repeat(i % 50)).getBytes(StandardCharsets.US_ASCII));
            }
        }); RawHttp gets = new RawHttp("test", server.uri(), cap, TIMEOUT)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(gets.get("/board?i=" + i));
            }
            for (int i = 0; i < requests; i++) {
                assertEquals(statuses[i % statuses.length], await(futures.get(i)), "request " + i);
            }
            assertEquals(requests, handled.get());
            assertTrue(server.connections.get() <= cap, server.connections.get() + " connections");
            assertEquals(server.connections.get(), gets.connectionsOpened());
        }
    }

    @Test
    void aServerThatClosesAfterEachResponseGetsANewConnectionPerRequest() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            if (readRequest(new BufferedInputStream(socket.getInputStream()))) {
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }); RawHttp gets = new RawHttp("test", server.uri(), 2, TIMEOUT)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, await(gets.get("/board")));
            }
            assertEquals(5, server.connections.get());
            assertEquals(5, gets.connectionsOpened());
        }
    }

    @Test
    void anIdleConnectionClosedByTheServerIsDroppedQuietly() throws Exception {
        // no Connection: close header: the client learns of the close from the socket while the connection is idle
        Semaphore closed = new Semaphore(0);
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            if (readRequest(new BufferedInputStream(socket.getInputStream()))) {
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            }
            socket.close();
            closed.release();
        }); RawHttp gets = new RawHttp("test", server.uri(), 2, TIMEOUT)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, await(gets.get("/board")));
                assertTrue(closed.tryAcquire(AWAIT_SECONDS, TimeUnit.SECONDS));
                Thread.sleep(IDLE_PAUSE_MILLIS); // lets the close reach the client before the next request
            }
            assertEquals(5, server.connections.get());
        }
    }

    @Test
    void aRequestTheServerClosesUnansweredOnAReusedConnectionIsSentOnceMore() throws Exception {
        // the keep-alive race: the server gives up on an idle connection just as a request arrives on it
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (readRequest(in)) {
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            }
            readRequest(in); // then closes without an answer
        }); RawHttp gets = new RawHttp("test", server.uri(), 1, TIMEOUT)) {
            assertEquals(200, await(gets.get("/board")));
            assertEquals(200, await(gets.get("/board")));
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void aConnectionClosedMidResponseFailsThatRequestOnly() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (readRequest(in)) {
                if (connection == 0) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            }
        }); RawHttp gets = new RawHttp("test", server.uri(), 1, TIMEOUT)) {
            Throwable failure = failure(gets.get("/board"));
            assertInstanceOf(IOException.class, failure);
            assertTrue(failure.getMessage().contains("mid-response"), failure.getMessage());
            assertEquals(200, await(gets.get("/board")));
            assertEquals(200, await(gets.get("/board")));
            assertEquals(2, server.connections.get());
        }
    }

    @Test
    void aServerThatNeverAnswersFailsTheRequestsWithinTheTimeout() throws Exception {
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // reads, never answers
            }
        }); RawHttp gets = new RawHttp("test", server.uri(), 1, Duration.ofMillis(300))) {
            CompletableFuture<Integer> sent = gets.get("/board");
            CompletableFuture<Integer> queued = gets.get("/board"); // waits for the only connection
            assertInstanceOf(HttpTimeoutException.class, failure(sent));
            assertInstanceOf(HttpTimeoutException.class, failure(queued));
        }
    }

    @Test
    void nothingListeningFailsTheRequest() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (RawHttp gets = new RawHttp("test", URI.create("http://127.0.0.1:" + port), 1, TIMEOUT)) {
            assertInstanceOf(IOException.class, failure(gets.get("/board")));
        }
    }

    @Test
    void requestsAfterCloseFail() throws Exception {
        RawHttp gets = new RawHttp("test", URI.create("http://127.0.0.1:9"), 1, TIMEOUT);
        gets.close();
        assertInstanceOf(IOException.class, failure(gets.get("/board")));
    }

    @Test
    void aPostArrivesWithItsHeadersAndBodyAndItsAnswerComesBackWhole() throws Exception {
        String answer = "{\"outcome\":\"FOUND\",\"note\":\"Zürich – 東京 ✓\"}";
        byte[] answerBytes = answer.getBytes(StandardCharsets.UTF_8);
        Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = httpServer(exchange -> {
            clients.add(exchange.getRemoteAddress());
            var headers = exchange.getRequestHeaders();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " | " + headers.getFirst("Host")
                    + " | " + headers.getFirst("Content-Length") + " | " + headers.getFirst("Content-Type")
                    + " | " + headers.getFirst("Authorization") + " | " + headers.getFirst("Idempotency-Key"));
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(in.readAllBytes());
            }
            exchange.sendResponseHeaders(200, answerBytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answerBytes);
            }
        });
        byte[] body = "{\"clueId\":\"c1\",\"answer\":\"Müller's ß\"}".getBytes(StandardCharsets.UTF_8);
        List<String[]> headers = List.of(new String[] {"Authorization", "Bearer t0k3n"},
                new String[] {"Idempotency-Key", "k-1"}, new String[] {"Content-Type", "application/json"});
        try (RawHttp http = new RawHttp("test", uri(server), 4, TIMEOUT)) {
            for (int i = 0; i < 2; i++) {
                RawHttp.Response response = awaitResponse(http.send("POST", "/api/hunts/h1/finds", headers, body));
                assertEquals(200, response.status());
                assertEquals(answer, response.body());
            }
            assertEquals(200, await(http.get("/board"))); // a status-only GET on the same connection
            String host = "127.0.0.1:" + server.getAddress().getPort();
            assertEquals("POST /api/hunts/h1/finds | " + host + " | " + body.length + " | application/json | Bearer t0k3n | k-1",
                    seen.get(0));
            assertArrayEquals(body, bodies.get(0));
            assertArrayEquals(body, bodies.get(1));
            assertEquals(3, seen.size());
            assertEquals(1, clients.size());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void answerTimeLeavesOutTheWaitForAFreeConnection() throws Exception {
        long holdMillis = 300;
        HttpServer server = httpServer(exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp("test", uri(server), 1, TIMEOUT)) {
            long start = System.nanoTime();
            CompletableFuture<RawHttp.Response> first = http.send("POST", "/finds", List.of(), body);
            CompletableFuture<Long> secondDoneAt = http.send("POST", "/finds", List.of(), body)
                    .thenApply(r -> System.nanoTime());
            RawHttp.Response third = awaitResponse(http.send("POST", "/finds", List.of(), body));
            awaitResponse(first);
            long secondMillis = TimeUnit.NANOSECONDS.toMillis(secondDoneAt.get(AWAIT_SECONDS, TimeUnit.SECONDS) - start);
            long thirdAnswerMillis = TimeUnit.NANOSECONDS.toMillis(third.answerNanos());
            // one connection: the second waited for the first, the third for both; the third's own
            // answer time is still one hold
            assertTrue(secondMillis >= 2 * holdMillis, "second done after " + secondMillis + " ms");
            assertTrue(thirdAnswerMillis >= holdMillis && thirdAnswerMillis < 2 * holdMillis,
                    "third answered in " + thirdAnswerMillis + " ms");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aChunkedAnswerComesBackWholeEvenWithACharacterSplitAcrossChunks() throws Exception {
        String answer = "{\"score\":42,\"handle\":\"Ærøskøbing 東京\"}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        int cut = answer.substring(0, answer.indexOf('東')).getBytes(StandardCharsets.UTF_8).length + 1; // inside 東's 3 bytes
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (readRequest(in)) {
                out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write((Integer.toHexString(cut) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, 0, cut);
                out.flush();
                out.write(("\r\n" + Integer.toHexString(bytes.length - cut) + ";x=y\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, cut, bytes.length - cut);
                out.write("\r\n0\r\nX-Trailer: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }); RawHttp http = new RawHttp("test", server.uri(), 1, TIMEOUT)) {
            List<String[]> auth = List.<String[]>of(new String[] {"Authorization", "Bearer p"});
            for (int i = 0; i < 2; i++) {
                RawHttp.Response response = awaitResponse(http.send("GET", "/api/hunts/h1/players/p1", auth, null));
                assertEquals(200, response.status());
                assertEquals(answer, response.body());
            }
            assertEquals(1, server.connections.get());
        }
    }

    @Test
    void aPostTheServerClosesUnansweredOnAReusedConnectionFailsAndIsNotSentAgain() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ScriptedServer server = new ScriptedServer((socket, connection) -> {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (readRequestWithBody(in)) {
                requests.incrementAndGet();
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            }
            if (readRequestWithBody(in)) {
                requests.incrementAndGet(); // then closes without an answer
            }
        }); RawHttp http = new RawHttp("test", server.uri(), 1, TIMEOUT)) {
            byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
            assertEquals(200, awaitResponse(http.send("POST", "/finds", List.of(), body)).status());
            Throwable failure = failure(http.send("POST", "/finds", List.of(), body));
            assertInstanceOf(IOException.class, failure);
            assertTrue(failure.getMessage().contains("before the response"), failure.getMessage());
            Thread.sleep(IDLE_PAUSE_MILLIS); // a resend, were there one, would reach the server by now
            assertEquals(2, requests.get());
            assertEquals(1, server.connections.get());
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

    private static RawHttp.Response awaitResponse(CompletableFuture<RawHttp.Response> response) throws Exception {
        return response.get(AWAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> result) {
        return assertThrows(ExecutionException.class, () -> result.get(AWAIT_SECONDS, TimeUnit.SECONDS)).getCause();
    }

    /** Reads one request head; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        return readRequestHead(in) != null;
    }

    /** Reads one request head and the Content-Length bytes after it; false at the end of the stream. */
    private static boolean readRequestWithBody(InputStream in) throws IOException {
        String head = readRequestHead(in);
        if (head == null) {
            return false;
        }
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()));
            }
        }
        return true;
    }

    /** One request head (request line and headers), or null at the end of the stream. */
    private static String readRequestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return null;
    }

    /** A server whose bytes the test writes by hand, one thread per connection. */
    private static final class ScriptedServer implements AutoCloseable {

        interface Script {
            void serve(Socket socket, int connection) throws IOException;
        }

        final ServerSocket listener;
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> accepted = new CopyOnWriteArrayList<>();

        ScriptedServer(Script script) throws IOException {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    Socket socket;
                    try {
                        socket = listener.accept();
                    } catch (IOException e) {
                        return;
                    }
                    accepted.add(socket);
                    int connection = connections.getAndIncrement();
                    Thread serving = new Thread(() -> {
                        try (socket) {
                            socket.setTcpNoDelay(true);
                            script.serve(socket, connection);
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    }, "scripted-connection-" + connection);
                    serving.setDaemon(true);
                    serving.start();
                }
            }, "scripted-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
