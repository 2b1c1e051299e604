package io.veltrix.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Thousands of board-stream subscribers on one selector thread over raw sockets (an HTTP client
 * per stream would cost a thread or a pool slot each). What they receive is tallied by
 * {@link BoardFrames}: fan-out and freshness of every board version.
 *
 * <p>Kept rather than Jetty's {@code HttpClient} ({@link JettySseSubscribers}, same request, same
 * event-stream grammar): the library costs the generator 2.1 to 2.8 times its CPU per frame, with
 * no gain in frame delay. Measured against {@code ./run.sh} with {@code CLIENT_COST_REQUESTS=stream
 * CLIENT_COST_STREAMS="1000 2000" scripts/client-cost.sh} (the {@code client-cost --request stream}
 * mode, both clients alternating, a JVM and a new hunt per run, change frames, finds at 20/s: 20 s
 * after 5 s of warm-up; two rounds, 2-core machine shared with other work, 2026-12-01), generator
 * CPU ms per frame, own vs Jetty: 1,000 streams 0.011-0.012 vs 0.031-0.033 (per stream-second
 * 0.085-0.091 vs 0.215-0.235), 2,000 streams 0.012-0.013 vs 0.027-0.028 (0.072-0.080 vs 0.149);
 * opening a stream 0.2-0.4 vs 1.0-1.4 ms. Fan-out p50 10-11 vs 14-15 ms at 1,000 and 25 vs 29-34
 * ms at 2,000; p99 60-133 vs 84-237 ms (an earlier pair of rounds had Jetty's p99 the lower one).
 */
final class SseSubscribers implements BoardStreams {

    /** The loop's longest wait: it also takes in the streams being opened. */
    private static final long SELECT_TIMEOUT_MILLIS = 100;

    private final URI uri;
    private final int count;
    private final Errors errors;
    private final SelectorLoop loop;
    /** Channels connecting, each with its subscriber, for the loop to register. */
    private final ConcurrentLinkedQueue<Subscription> connecting = new ConcurrentLinkedQueue<>();

    private final StreamCounts counts;

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
        this.counts = new StreamCounts(errors);
        this.loop = new SelectorLoop("sse-subscribers", new OnLoop());
    }

    @Override
    public void start(long connectTimeoutNanos) throws InterruptedException {
        loop.start();
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] request = new RequestEncoder(host, port).encode("GET", path, HEADERS, null);
        BoardStreams.openInSteps(count, connectTimeoutNanos, () -> {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(host, port));
                connecting.add(new Subscription(channel, new Conn(ByteBuffer.wrap(request))));
            } catch (IOException e) {
                errors.add("sse-connect", e.toString());
                counts.failed.incrementAndGet();
            }
        }, loop::wakeup, counts::settled);
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
                counts.bytes.addAndGet(n);
                long now = System.nanoTime();
                for (SseParser.Event event : conn.parser.feed(buffer.array(), 0, n)) {
                    received(conn, event, now);
                }
                if (!conn.counted && conn.parser.status() > 0) {
                    conn.counted = true;
                    if (conn.parser.status() == 200) {
                        counts.connected.incrementAndGet();
                    } else {
                        // the error first: whoever sees the count (the start's wait, a report) sees it recorded
                        errors.add("sse-status", "board stream answered " + conn.parser.status());
                        counts.failed.incrementAndGet();
                        key.cancel();
                        channel.close();
                        return; // refused, not lost: its (problem) body ending is no stream ending
                    }
                }
                if (conn.parser.done()) {
                    lost(key, conn, "stream ended");
                }
            }
        } catch (IOException e) {
            if (!conn.counted) {
                conn.counted = true;
                errors.add("sse-connect", e.toString());
                counts.failed.incrementAndGet();
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
            // the error first: a reader that sees the stream counted lost also finds its error
            errors.add("sse-lost", why);
            counts.closedByServer.incrementAndGet();
        }
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private void received(Conn conn, SseParser.Event event, long now) {
        counts.frames().received(event, !conn.sawFirstEvent, now);
        conn.sawFirstEvent = true;
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
    public int connected() {
        return counts.connected.get();
    }

    @Override
    public void close() {
        loop.close();
    }
}
