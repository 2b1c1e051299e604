package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Thousands of board-stream subscribers on one selector thread over raw sockets (an HTTP client
 * per stream would cost a thread or a pool slot each). For every board version it records when
 * each subscriber got it, relative to the first subscriber that did ("fan-out"), and once per
 * version how old the newest score on it was when it arrived ("freshness", an upper bound of
 * projection-to-subscriber time, on the same machine's clock).
 */
final class SseSubscribers implements AutoCloseable {

    /** The loop's longest wait: it also takes in the streams being opened. */
    private static final long SELECT_TIMEOUT_MILLIS = 100;
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(-?\\d+)");

    private final URI uri;
    private final int count;
    private final Errors errors;
    private final SelectorLoop loop;
    /** Channels connecting, each with its subscriber, for the loop to register. */
    private final ConcurrentLinkedQueue<Subscription> connecting = new ConcurrentLinkedQueue<>();

    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Latencies fanout = new Latencies();
    private final Latencies freshness = new Latencies();
    // touched only by the selector thread
    private final Map<String, Long> firstArrival = new HashMap<>();
    private long initialEvents;

    private record Subscription(SocketChannel channel, Conn conn) {
    }

    private static final class Conn {
        final SseParser parser = new SseParser();
        final ByteBuffer request;
        boolean counted;
        boolean sawFirstEvent;

        Conn(ByteBuffer request) {
            this.request = request;
        }
    }

    SseSubscribers(URI uri, int count, Errors errors) throws IOException {
        this.uri = uri;
        this.count = count;
        this.errors = errors;
        this.loop = new SelectorLoop("sse-subscribers", new OnLoop());
    }

    /** Opens the streams in steps (so the server's accept queue is not flooded), then returns. */
    void start(long connectTimeoutNanos) throws InterruptedException {
        loop.start();
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] request = new RequestEncoder(host, port).encode("GET", path, List.of(
                new String[] {"Accept", "text/event-stream"}, new String[] {"Cache-Control", "no-cache"}), null);
        long deadline = System.nanoTime() + connectTimeoutNanos;
        int step = 100;
        for (int i = 0; i < count; i += step) {
            int n = Math.min(step, count - i);
            for (int j = 0; j < n; j++) {
                try {
                    SocketChannel channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.connect(new InetSocketAddress(host, port));
                    connecting.add(new Subscription(channel, new Conn(ByteBuffer.wrap(request))));
                } catch (IOException e) {
                    failed.incrementAndGet();
                    errors.add("sse-connect", e.toString());
                }
            }
            loop.wakeup();
            while (connected.get() + failed.get() < i + n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    /** The subscribers' side of the selector loop: a loop that fails a turn goes on with the next. */
    private final class OnLoop implements SelectorLoop.Client {

        @Override
        public long selectTimeoutMillis() {
            return SELECT_TIMEOUT_MILLIS;
        }

        @Override
        public void ready(SelectionKey key, ByteBuffer buffer) {
            handle(key, buffer);
        }

        @Override
        public void turn() throws IOException {
            Subscription next;
            while ((next = connecting.poll()) != null) {
                loop.register(next.channel(), SelectionKey.OP_CONNECT, next.conn());
            }
        }

        @Override
        public boolean carryOn(Exception failure) {
            if (loop.running()) {
                errors.add("sse-loop", failure.toString());
            }
            return true;
        }

        @Override
        public void ended(Exception failure) {
            // the streams are closed with the loop
        }
    }

    private void handle(SelectionKey key, ByteBuffer buffer) {
        SocketChannel channel = (SocketChannel) key.channel();
        Conn conn = (Conn) key.attachment();
        try {
            if (key.isConnectable()) {
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_WRITE);
            }
            if (key.isValid() && key.isWritable()) {
                channel.write(conn.request);
                if (!conn.request.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isValid() && key.isReadable()) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    lost(key, conn, "stream closed by the server");
                    return;
                }
                bytes.addAndGet(n);
                long now = System.nanoTime();
                for (SseParser.Event event : conn.parser.feed(buffer.array(), 0, n)) {
                    received(conn, event, now);
                }
                if (!conn.counted && conn.parser.status() > 0) {
                    conn.counted = true;
                    if (conn.parser.status() == 200) {
                        connected.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        errors.add("sse-status", "board stream answered " + conn.parser.status());
                        key.cancel();
                        channel.close();
                    }
                }
                if (conn.parser.done()) {
                    lost(key, conn, "stream ended");
                }
            }
        } catch (IOException e) {
            if (!conn.counted) {
                conn.counted = true;
                failed.incrementAndGet();
                errors.add("sse-connect", e.toString());
                key.cancel();
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a failed socket
                }
            } else {
                lost(key, conn, e.toString());
            }
        }
    }

    private void lost(SelectionKey key, Conn conn, String why) {
        if (loop.running()) {
            closedByServer.incrementAndGet();
            errors.add("sse-lost", why);
        }
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private void received(Conn conn, SseParser.Event event, long now) {
        events.incrementAndGet();
        if (!conn.sawFirstEvent) {
            conn.sawFirstEvent = true; // the snapshot sent on subscribe is not a board change
            initialEvents++;
            return;
        }
        Matcher m = VERSION.matcher(event.data());
        String version = m.find() ? m.group(1) : Integer.toHexString(event.data().hashCode());
        Long first = firstArrival.get(version);
        if (first == null) {
            firstArrival.put(version, now);
            fanout.recordNanos(0);
            freshness(event.data());
        } else {
            fanout.recordNanos(now - first);
        }
    }

    /** Age of the newest {@code lastScoredAt} on the board when the first subscriber got it. */
    private void freshness(String data) {
        try {
            JsonNode root = Http.JSON.readTree(data);
            // a whole board ("board") or the lines that changed ("change": {at, line} each)
            List<JsonNode> lines = new ArrayList<>();
            if (root.has("lines")) {
                root.path("lines").forEach(changed -> lines.add(changed.path("line")));
            } else {
                root.path("board").forEach(lines::add);
            }
            Instant newest = null;
            for (JsonNode line : lines) {
                JsonNode at = line.get("lastScoredAt");
                if (at != null && at.isTextual()) {
                    Instant t = Instant.parse(at.asText());
                    if (newest == null || t.isAfter(newest)) {
                        newest = t;
                    }
                }
            }
            if (newest != null) {
                long ageNanos = (Instant.now().toEpochMilli() - newest.toEpochMilli()) * 1_000_000L;
                freshness.recordNanos(ageNanos);
            }
        } catch (IOException | RuntimeException e) {
            errors.add("sse-data", "board event is not the expected JSON: " + e);
        }
    }

    Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requested", count);
        out.put("connected", connected.get());
        out.put("failed", failed.get());
        out.put("lostDuringRun", closedByServer.get());
        out.put("events", events.get());
        out.put("bytesReceived", bytes.get());
        out.put("initialSnapshots", initialEvents);
        out.put("boardVersionsSeen", firstArrival.size());
        out.put("fanoutMs", fanout.percentiles());
        out.put("freshnessMs", freshness.percentiles());
        return out;
    }

    int connected() {
        return connected.get();
    }

    @Override
    public void close() {
        loop.close();
    }
}
