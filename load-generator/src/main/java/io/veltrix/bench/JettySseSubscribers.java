package io.veltrix.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Board-stream subscribers on Jetty's {@link HttpClient} (non-blocking API, its default pool and
 * selector), one connection per stream, set up as {@link SseSubscribers} is: the same request
 * bytes (no User-Agent, no Accept-Encoding), no idle or total timeout, streams opened in the same
 * steps. Jetty decodes HTTP (status, chunks); the body goes through the same {@link SseParser}
 * grammar and the frames to the same {@link BoardFrames}, so only the transport differs. Used by
 * {@link ClientCost} to measure what the library would cost the generator.
 */
final class JettySseSubscribers implements BoardStreams {

    private final URI uri;
    private final int count;
    private final Errors errors;
    private final HttpClient client;
    private final StreamCounts counts;
    private volatile boolean closing;

    JettySseSubscribers(URI uri, int count, Errors errors) throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("plain http only, not " + uri);
        }
        this.uri = uri;
        this.count = count;
        this.errors = errors;
        this.counts = new StreamCounts(errors);
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("jetty-sse");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setMaxConnectionsPerDestination(Math.max(1, count));
        client.setMaxRequestsQueuedPerDestination(Integer.MAX_VALUE);
        client.setIdleTimeout(0);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        try {
            client.start();
            client.getContentDecoderFactories().clear(); // after start, which puts gzip in: no Accept-Encoding
        } catch (Exception e) {
            throw new IOException("Jetty's HTTP client did not start", e);
        }
    }

    @Override
    public void start(long connectTimeoutNanos) throws InterruptedException {
        BoardStreams.openInSteps(count, connectTimeoutNanos, () -> new Stream().open(), () -> { },
                counts::settled);
    }

    /** One subscription: its parser and where it stands; Jetty calls it for one response at a time. */
    private final class Stream {
        private final SseParser parser = new SseParser();
        private byte[] copy = new byte[0];
        private boolean counted;
        private boolean ok;
        private boolean sawFirstEvent;

        void open() {
            client.newRequest(uri).method("GET").headers(h -> {
                for (String[] header : HEADERS) {
                    h.put(header[0], header[1]);
                }
            }).onResponseHeaders(this::headers).onResponseContent(this::content).send(this::complete);
        }

        private void headers(Response response) {
            counted = true;
            ok = response.getStatus() == 200;
            if (ok) {
                counts.connected.incrementAndGet();
            } else {
                // the error first: whoever sees the count (the start's wait, a report) sees it recorded
                errors.add("sse-status", "board stream answered " + response.getStatus());
                counts.failed.incrementAndGet();
                response.abort(new IOException("board stream answered " + response.getStatus()));
            }
        }

        private void content(Response response, ByteBuffer content) {
            if (!ok) {
                return;
            }
            int n = content.remaining();
            counts.bytes.addAndGet(n);
            long now = System.nanoTime();
            byte[] array;
            int offset;
            if (content.hasArray()) {
                array = content.array();
                offset = content.arrayOffset() + content.position();
            } else {
                if (copy.length < n) {
                    copy = new byte[Math.max(n, 16 * 1024)];
                }
                content.get(content.position(), copy, 0, n);
                array = copy;
                offset = 0;
            }
            for (SseParser.Event event : parser.feedBody(array, offset, n)) {
                counts.frames().received(event, !sawFirstEvent, now);
                sawFirstEvent = true;
            }
        }

        private void complete(Result result) {
            if (!counted) {
                counted = true;
                errors.add("sse-connect", String.valueOf(result.getFailure()));
                counts.failed.incrementAndGet();
                return;
            }
            if (ok && !closing) {
                // the error first: a reader that sees the stream counted lost also finds its error
                errors.add("sse-lost", result.isFailed() ? result.getFailure().toString() : "stream ended");
                counts.closedByServer.incrementAndGet();
            }
        }
    }

    @Override
    public int connected() {
        return counts.connected.get();
    }

    @Override
    public BoardFrames restartFrames() {
        return counts.restartFrames();
    }

    @Override
    public Map<String, Object> report() {
        return counts.report(count);
    }

    @Override
    public void close() {
        closing = true;
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's HTTP client did not stop", e);
        }
    }
}
