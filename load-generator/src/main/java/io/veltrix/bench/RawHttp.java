package io.veltrix.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * HTTP/1.1 requests on one selector thread over at most N keep-alive connections to one host. The
 * load streams use it instead of the JDK {@code HttpClient}, whose CPU per request in the generator
 * rivals the server's work and takes it from the services on the same cores. {@link #get} answers
 * with the status only, its body counted and dropped; {@link #send} also hands back the body.
 * Requests beyond the connection cap wait in FIFO order; the timeout counts from the call, so that
 * wait is part of it. A GET that finds its reused connection already closed (the server's
 * keep-alive timeout racing the send) is sent once more on another connection, as browsers do;
 * any other method fails instead, since the server may have acted on it. Futures complete on the
 * selector thread: keep their callbacks short. Longer than most files here: the pool, its queue and
 * its deadlines share the connections' state, which only the selector thread touches; the loop
 * itself is {@link SelectorLoop}, the bytes {@link RequestEncoder} and {@link ResponseReader}.
 *
 * <p>Kept rather than Jetty's {@code HttpClient}: the library costs the generator 1.6 to 3.6 times
 * its CPU per request, at the same latency. Measured against {@code ./run.sh} with
 * {@code scripts/client-cost.sh} at its defaults (the {@code client-cost} mode, both clients
 * alternating, a JVM per run: 20 s open loop after 5 s of warm-up, 64 connections, a 50-entry
 * board; two rounds, quiet 2-core machine, 2026-12-01), generator CPU ms per request, RawHttp vs
 * Jetty: board reads at 1,000/s 0.052-0.053 vs 0.111-0.117, at 2,000/s 0.048-0.054 vs 0.084;
 * refused finds (POST, answer read whole) at 1,000/s 0.13-0.14 vs 0.38-0.46, at 2,000/s 0.11-0.12
 * vs 0.27-0.37. Answer p50 0.12-0.34 ms vs 0.15-0.47 ms, p99 alike (1.7-4.1 vs 1.9-4.5 ms, one
 * Jetty run 59 ms).
 */
final class RawHttp implements LoadHttp {

    /**
     * A response's status, its body decoded as UTF-8 (empty when there is none) and its Retry-After
     * header as sent (null when there is none): an overloaded service sheds with 503/429 + Retry-After.
     * {@code answerNanos}: from handing the request to a connection to its answer, without the wait
     * for a free connection — how long the service took, as far as a client can tell.
     * {@code rebuilding}: the query service's {@code Veltrix-Rebuilding} header (the projections being
     * rebuilt while it answered), null when there is none.
     */
    record Response(int status, String body, String retryAfter, long answerNanos, String rebuilding) {
        Response(int status, String body) {
            this(status, body, null, 0, null);
        }
    }

    private final InetSocketAddress address;
    private final RequestEncoder encoder;
    private final int maxConnections;
    private final long timeoutNanos;
    private final SelectorLoop loop;
    private final ConcurrentLinkedQueue<Pending> submitted = new ConcurrentLinkedQueue<>();
    private volatile int connectionsOpened;

    // touched only by the selector thread
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private final List<Conn> connections = new ArrayList<>();
    private boolean anyDeadline;
    private long nextDeadline;

    /** A request and the one future it completes: a status ({@link #get}) or a response ({@link #send}). */
    private static final class Pending {
        final byte[] request;
        final long deadline;
        final boolean resendable;
        long handedOverAt;
        final CompletableFuture<Integer> status;
        final CompletableFuture<Response> response;
        boolean resent;

        Pending(byte[] request, long deadline, boolean resendable, boolean keepsBody) {
            this.request = request;
            this.deadline = deadline;
            this.resendable = resendable;
            this.status = keepsBody ? null : new CompletableFuture<>();
            this.response = keepsBody ? new CompletableFuture<>() : null;
        }

        boolean keepsBody() {
            return response != null;
        }

        void fail(Throwable cause) {
            if (status != null) {
                status.completeExceptionally(cause);
            } else {
                response.completeExceptionally(cause);
            }
        }
    }

    private static final class Conn {
        final SocketChannel channel;
        final ResponseReader reader = new ResponseReader();
        SelectionKey key;
        boolean connected;
        int served;
        Pending current;
        ByteBuffer out;
        long received;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** Plain {@code http://host[:port]} only; the path of {@code origin} is ignored. */
    RawHttp(String name, URI origin, int maxConnections, Duration timeout) throws IOException {
        if (!"http".equalsIgnoreCase(origin.getScheme())) {
            throw new IllegalArgumentException("raw HTTP is plain http, not " + origin);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("at least one connection, got " + maxConnections);
        }
        int port = origin.getPort() < 0 ? 80 : origin.getPort();
        this.address = new InetSocketAddress(origin.getHost(), port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve " + origin.getHost());
        }
        this.encoder = new RequestEncoder(origin.getHost(), port);
        this.maxConnections = maxConnections;
        this.timeoutNanos = timeout.toNanos();
        this.loop = new SelectorLoop("raw-http-" + name, new OnLoop());
        this.loop.start();
    }

    /** Sends {@code GET pathAndQuery}; completes with the response's status, or fails with an IOException. */
    @Override
    public CompletableFuture<Integer> get(String pathAndQuery) {
        byte[] request = encoder.get(pathAndQuery);
        return submit(new Pending(request, System.nanoTime() + timeoutNanos, true, false)).status;
    }

    /**
     * Sends {@code method pathAndQuery} with Host, Content-Length when {@code body} is not null, and
     * {@code headers} (name, value pairs); completes with the status and body, or fails with an
     * IOException. Only a GET is ever sent twice.
     */
    @Override
    public CompletableFuture<Response> send(String method, String pathAndQuery, List<String[]> headers, byte[] body) {
        byte[] request = encoder.encode(method, pathAndQuery, headers, body);
        return submit(new Pending(request, System.nanoTime() + timeoutNanos, "GET".equals(method), true)).response;
    }

    private Pending submit(Pending pending) {
        submitted.add(pending);
        if (loop.running()) {
            loop.wakeup();
        } else {
            failSubmitted();
        }
        return pending;
    }

    /** Connections opened so far, reconnects included. */
    @Override
    public int connectionsOpened() {
        return connectionsOpened;
    }

    // ---------------------------------------------------------------- selector thread

    /** The client's side of the selector loop: its connections, its queue, its deadlines. */
    private final class OnLoop implements SelectorLoop.Client {

        @Override
        public long selectTimeoutMillis() {
            return RawHttp.this.selectTimeoutMillis();
        }

        @Override
        public void ready(SelectionKey key, ByteBuffer buffer) {
            handle((Conn) key.attachment(), buffer);
        }

        @Override
        public void turn() {
            Pending next;
            while ((next = submitted.poll()) != null) {
                waiting.addLast(next);
                watch(next.deadline);
            }
            expire();
            dispatch();
        }

        @Override
        public boolean carryOn(Exception failure) {
            return false; // a client whose loop failed cannot know what it sent: fail everything
        }

        @Override
        public void ended(Exception failure) {
            IOException ended = failure == null ? new IOException("raw HTTP client closed")
                    : new IOException("raw HTTP client failed", failure);
            for (Conn conn : List.copyOf(connections)) {
                if (conn.current != null) {
                    conn.current.fail(ended);
                }
                drop(conn);
            }
            for (Pending pending : waiting) {
                pending.fail(ended);
            }
            waiting.clear();
            failSubmitted();
        }
    }

    private long selectTimeoutMillis() {
        if (!anyDeadline) {
            return 0; // until woken: nothing can time out
        }
        long nanos = nextDeadline - System.nanoTime();
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    private void watch(long deadline) {
        if (!anyDeadline || deadline - nextDeadline < 0) {
            nextDeadline = deadline;
            anyDeadline = true;
        }
    }

    /** Hands waiting requests to idle connections, or to new ones below the cap. */
    private void dispatch() {
        while (!waiting.isEmpty()) {
            Conn conn = idle.pollLast(); // the most recently used: the least likely to have been closed for idleness
            if (conn != null) {
                send(conn, waiting.pollFirst());
            } else if (connections.size() < maxConnections) {
                open(waiting.pollFirst());
            } else {
                return;
            }
        }
    }

    private void open(Pending pending) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            pending.fail(e);
            return;
        }
        Conn conn = new Conn(channel);
        connections.add(conn);
        connectionsOpened++;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            conn.key = loop.register(channel, 0, conn);
            conn.connected = channel.connect(address);
            send(conn, pending);
            if (!conn.connected) {
                conn.key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException e) {
            conn.current = pending;
            lost(conn, e);
        }
    }

    private void send(Conn conn, Pending pending) {
        conn.current = pending;
        pending.handedOverAt = System.nanoTime();
        conn.out = ByteBuffer.wrap(pending.request);
        conn.received = 0;
        conn.reader.reset(pending.keepsBody());
        if (conn.connected) {
            try {
                flush(conn);
            } catch (IOException e) {
                lost(conn, e);
            }
        }
    }

    private void flush(Conn conn) throws IOException {
        conn.channel.write(conn.out);
        int ops = conn.out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (conn.key.interestOps() != ops) {
            conn.key.interestOps(ops);
        }
    }

    private void handle(Conn conn, ByteBuffer buffer) {
        SelectionKey key = conn.key;
        try {
            if (key.isConnectable()) {
                if (!conn.channel.finishConnect()) {
                    return;
                }
                conn.connected = true;
                flush(conn);
                return;
            }
            if (key.isValid() && key.isWritable()) {
                flush(conn);
            }
            if (key.isValid() && key.isReadable()) {
                read(conn, buffer);
            }
        } catch (IOException e) {
            lost(conn, e);
        }
    }

    private void read(Conn conn, ByteBuffer buffer) throws IOException {
        buffer.clear();
        int n = conn.channel.read(buffer);
        if (n < 0) {
            closedByServer(conn);
            return;
        }
        if (n == 0) {
            return;
        }
        if (conn.current == null) {
            drop(conn); // bytes nobody asked for: the connection is out of step
            return;
        }
        conn.received += n;
        int used = conn.reader.feed(buffer.array(), 0, n);
        if (conn.reader.complete()) {
            completed(conn, used == n);
        }
    }

    private void completed(Conn conn, boolean nothingLeftOver) {
        Pending pending = conn.current;
        conn.current = null;
        conn.served++;
        int status = conn.reader.status();
        Response response = pending.keepsBody() ? new Response(status, conn.reader.body(), conn.reader.retryAfter(),
                System.nanoTime() - pending.handedOverAt, conn.reader.rebuilding()) : null;
        if (nothingLeftOver && conn.reader.keepAlive() && loop.running()) {
            idle.addLast(conn);
        } else {
            drop(conn);
        }
        if (response != null) {
            pending.response.complete(response);
        } else {
            pending.status.complete(status);
        }
    }

    private void closedByServer(Conn conn) {
        if (conn.current == null) {
            drop(conn); // an idle connection the server let go
        } else if (conn.reader.untilClose()) {
            completed(conn, true);
        } else {
            lost(conn, new IOException(conn.received == 0
                    ? "connection closed by the server before the response"
                    : "connection closed by the server mid-response"));
        }
    }

    /** The connection is gone; its GET is sent once more if it may have hit a stale keep-alive connection. */
    private void lost(Conn conn, IOException cause) {
        Pending pending = conn.current;
        conn.current = null;
        drop(conn);
        if (pending == null) {
            return;
        }
        if (pending.resendable && conn.served > 0 && conn.received == 0 && !pending.resent && loop.running()) {
            pending.resent = true;
            waiting.addFirst(pending);
        } else {
            pending.fail(cause);
        }
    }

    private void drop(Conn conn) {
        if (connections.remove(conn)) {
            idle.remove(conn);
            if (conn.key != null) {
                conn.key.cancel();
            }
            try {
                conn.channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Fails what is past its deadline, waiting or in flight (the latter's connection is closed). */
    private void expire() {
        if (!anyDeadline) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextDeadline < 0) {
            return;
        }
        anyDeadline = false;
        while (!waiting.isEmpty() && now - waiting.peekFirst().deadline >= 0) {
            waiting.pollFirst().fail(timedOut("waiting for a connection"));
        }
        if (!waiting.isEmpty()) {
            watch(waiting.peekFirst().deadline);
        }
        for (Conn conn : List.copyOf(connections)) {
            Pending pending = conn.current;
            if (pending == null) {
                continue;
            }
            if (now - pending.deadline >= 0) {
                conn.current = null;
                drop(conn);
                pending.fail(timedOut(conn.received == 0 ? "no response" : "response incomplete"));
            } else {
                watch(pending.deadline);
            }
        }
    }

    private HttpTimeoutException timedOut(String what) {
        return new HttpTimeoutException("request timed out after " + Duration.ofNanos(timeoutNanos) + ": " + what);
    }

    private void failSubmitted() {
        Pending pending;
        while ((pending = submitted.poll()) != null) {
            pending.fail(new IOException("raw HTTP client closed"));
        }
    }

    @Override
    public void close() {
        loop.close();
        failSubmitted();
    }
}
