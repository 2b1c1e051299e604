package io.veltrix.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The load streams' requests on Jetty's {@link HttpClient} (non-blocking API), set up as
 * {@link RawHttp} is: HTTP/1.1 keep-alive, at most N connections to the one host, requests beyond
 * them queued without a bound, a timeout counted from the call, and the same request bytes on the
 * wire (no User-Agent, no Accept-Encoding, {@code Accept: application/json} on a GET). Futures
 * complete on Jetty's pool threads.
 */
final class JettyHttp implements LoadHttp {

    private static final int BODY_LIMIT_BYTES = 16 * 1024 * 1024;

    private final HttpClient client;
    private final String origin;
    private final long timeoutMillis;
    private final AtomicInteger connectionsOpened = new AtomicInteger();

    /** Plain {@code http://host[:port]} only; the path of {@code origin} is ignored. */
    JettyHttp(String name, URI origin, int maxConnections, Duration timeout) throws IOException {
        if (!"http".equalsIgnoreCase(origin.getScheme())) {
            throw new IllegalArgumentException("plain http only, not " + origin);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("at least one connection, got " + maxConnections);
        }
        this.origin = "http://" + origin.getHost() + (origin.getPort() < 0 ? "" : ":" + origin.getPort());
        this.timeoutMillis = timeout.toMillis();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty-http-" + name);
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(maxConnections);
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.addBean(new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                connectionsOpened.incrementAndGet();
            }
        });
        try {
            client.start();
            client.getContentDecoderFactories().clear(); // after start, which puts gzip in: no Accept-Encoding, as RawHttp
        } catch (Exception e) {
            throw new IOException("Jetty's HTTP client did not start", e);
        }
    }

    @Override
    public CompletableFuture<Integer> get(String pathAndQuery) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        request("GET", pathAndQuery).headers(h -> h.put(HttpHeader.ACCEPT, "application/json")).send(result -> {
            if (result.isFailed()) {
                status.completeExceptionally(failure(result));
            } else {
                status.complete(result.getResponse().getStatus());
            }
        });
        return status;
    }

    @Override
    public CompletableFuture<RawHttp.Response> send(String method, String pathAndQuery, List<String[]> headers, byte[] body) {
        CompletableFuture<RawHttp.Response> response = new CompletableFuture<>();
        Request request = request(method, pathAndQuery).headers(h -> {
            for (String[] header : headers) {
                h.add(header[0], header[1]);
            }
        });
        if (body != null) {
            request.body(new BytesRequestContent(body));
        }
        long[] handedOverAt = {System.nanoTime()};
        request.onRequestBegin(r -> handedOverAt[0] = System.nanoTime());
        request.send(new BufferingResponseListener(BODY_LIMIT_BYTES) {
            @Override
            public void onComplete(Result result) {
                if (result.isFailed()) {
                    response.completeExceptionally(failure(result));
                    return;
                }
                var answer = result.getResponse();
                String text = getContentAsString(StandardCharsets.UTF_8);
                response.complete(new RawHttp.Response(answer.getStatus(), text == null ? "" : text,
                        answer.getHeaders().get(HttpHeader.RETRY_AFTER), System.nanoTime() - handedOverAt[0],
                        answer.getHeaders().get("Veltrix-Rebuilding")));
            }
        });
        return response;
    }

    private Request request(String method, String pathAndQuery) {
        return client.newRequest(URI.create(origin + pathAndQuery)).method(method).timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Failures as the streams count them from {@link RawHttp}: an IOException, its cause kept. */
    private static Throwable failure(Result result) {
        Throwable cause = result.getFailure();
        return cause instanceof IOException ? cause : new IOException(cause.toString(), cause);
    }

    @Override
    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's HTTP client did not stop", e);
        }
    }
}
