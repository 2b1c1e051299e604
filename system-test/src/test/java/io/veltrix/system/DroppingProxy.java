package io.veltrix.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of the command service that can lose the answers of finds: the find goes
 * through and is recorded, then the browser's connection is closed without a response, as a phone
 * losing its network right after sending. It counts the finds it forwarded per Idempotency-Key.
 */
final class DroppingProxy implements AutoCloseable {

    /** Headers the JDK client sets itself or refuses, and hop-by-hop headers. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicBoolean droppingFinds = new AtomicBoolean();
    private final Map<String, AtomicInteger> findsForwarded = new ConcurrentHashMap<>();
    private volatile int upstreamPort;

    DroppingProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void forwardTo(int port) {
        upstreamPort = port;
    }

    void dropFindAnswers(boolean dropping) {
        droppingFinds.set(dropping);
    }

    int findsForwarded(String idempotencyKey) {
        return findsForwarded.getOrDefault(idempotencyKey, new AtomicInteger()).get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + upstreamPort + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        boolean find = "POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().endsWith("/finds");
        if (find) {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            findsForwarded.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
            if (droppingFinds.get()) {
                // the server closes the connection of an exchange whose handler fails before answering
                throw new IOException("answer dropped on purpose");
            }
        }
        answer.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] bytes = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
