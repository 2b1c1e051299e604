package io.veltrix.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small stand-in for both services of one hunt {@code h}, as the stream measurement uses them:
 * registrations answer a token, each accepted find makes a new board version, and every open
 * board stream gets the board once, then one change frame per version, as the query service sends
 * them. {@link #end} ends every stream with its last chunk.
 */
final class BoardStreamServer implements AutoCloseable {

    private static final byte[] END = new byte[0];

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpServer server;
    private final List<BlockingQueue<byte[]>> streams = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong(1);
    private final AtomicInteger registered = new AtomicInteger();
    final List<String> finds = new CopyOnWriteArrayList<>();
    final List<Map<String, List<String>>> streamRequestHeaders = new CopyOnWriteArrayList<>();

    BoardStreamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/api/hunts/h/players", exchange -> {
            drain(exchange);
            answer(exchange, 201, "{\"token\":\"t" + registered.incrementAndGet() + "\"}");
        });
        server.createContext("/api/hunts/h/finds", exchange -> {
            String body = drain(exchange);
            finds.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            change();
            answer(exchange, 201, "{\"outcome\":\"FOUND\"}");
        });
        server.createContext("/api/hunts/h/leaderboard/stream", this::stream);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int streamsOpen() {
        return streams.size();
    }

    /** A new board version, sent to every open stream as a change frame. */
    void change() {
        long v = version.incrementAndGet();
        byte[] frame = ("event:change\ndata:{\"version\":" + v + ",\"base\":" + (v - 1)
                + ",\"lines\":[{\"at\":0,\"line\":{\"handle\":\"p\",\"points\":" + v * 100
                + ",\"lastScoredAt\":\"2026-12-01T18:00:00Z\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
        streams.forEach(s -> s.add(frame));
    }

    /** Ends every open stream (the last chunk). */
    void end() {
        streams.forEach(s -> s.add(END));
    }

    private void stream(HttpExchange exchange) throws IOException {
        streamRequestHeaders.add(new TreeMap<>(exchange.getRequestHeaders()));
        BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(("event:board\ndata:{\"version\":" + version.get() + ",\"board\":[]}\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            streams.add(queue);
            while (true) {
                byte[] frame = queue.poll(100, TimeUnit.MILLISECONDS);
                if (frame == END) {
                    break;
                }
                if (frame != null) {
                    out.write(frame);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(queue);
        }
    }

    private static String drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        end();
        server.stop(0);
        threads.shutdownNow();
    }
}
