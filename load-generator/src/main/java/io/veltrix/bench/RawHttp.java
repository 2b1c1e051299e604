package io.veltrix.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * selector thread: keep their callbacks short.
 */
final class RawHttp implements AutoCloseable {

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

    /** Distinct request lines kept encoded; beyond that they are encoded per request. */
    private static final int ENCODED_PATHS_KEPT = 256;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long CLOSE_WAIT_MILLIS = 2000;
    /** Headers that frame the message: this client writes them itself. */
    private static final Set<String> FRAMING_HEADERS = Set.of("host", "content-length", "transfer-encoding");

    private final InetSocketAddress address;
    private final String hostHeader;
    private final int maxConnections;
    private final long timeoutNanos;
    private final Selector selector;
    private final Thread loop;
    private volatile boolean running = true;
    private final ConcurrentLinkedQueue<Pending> submitted = new ConcurrentLinkedQueue<>();
    private final Map<String, byte[]> encoded = new ConcurrentHashMap<>();
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
        this.hostHeader = origin.getHost() + ":" + port;
        this.maxConnections = maxConnections;
        this.timeoutNanos = timeout.toNanos();
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "raw-http-" + name);
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /** Sends {@code GET pathAndQuery}; completes with the response's status, or fails with an IOException. */
    CompletableFuture<Integer> get(String pathAndQuery) {
        byte[] request = encoded.get(pathAndQuery);
        if (request == null) {
            request = encode(pathAndQuery);
            if (encoded.size() < ENCODED_PATHS_KEPT) {
                encoded.putIfAbsent(pathAndQuery, request);
            }
        }
        return submit(new Pending(request, System.nanoTime() + timeoutNanos, true, false)).status;
    }

    /**
     * Sends {@code method pathAndQuery} with Host, Content-Length when {@code body} is not null, and
     * {@code headers} (name, value pairs); completes with the status and body, or fails with an
     * IOException. Only a GET is ever sent twice.
     */
    CompletableFuture<Response> send(String method, String pathAndQuery, List<String[]> headers, byte[] body) {
        byte[] request = encode(method, pathAndQuery, headers, body);
        return submit(new Pending(request, System.nanoTime() + timeoutNanos, "GET".equals(method), true)).response;
    }

    private Pending submit(Pending pending) {
        submitted.add(pending);
        if (running) {
            selector.wakeup();
        } else {
            failSubmitted();
        }
        return pending;
    }

    /** Connections opened so far, reconnects included. */
    int connectionsOpened() {
        return connectionsOpened;
    }

    private byte[] encode(String pathAndQuery) {
        requirePath(pathAndQuery);
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] encode(String method, String pathAndQuery, List<String[]> headers, byte[] body) {
        if (method.isEmpty() || !method.chars().allMatch(RawHttp::tokenChar)) {
            throw new IllegalArgumentException("not a method: '" + method + "'");
        }
        requirePath(pathAndQuery);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        for (String[] header : headers) {
            String name = header[0];
            String value = header[1];
            if (name.isEmpty() || !name.chars().allMatch(RawHttp::tokenChar) || FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("not a header this client lets callers set: '" + name + "'");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= ' ' && c < 0x7f))) {
                throw new IllegalArgumentException("header " + name + " has a value that is not printable ASCII");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    private static void requirePath(String pathAndQuery) {
        if (!pathAndQuery.startsWith("/") || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("not an encoded path and query: '" + pathAndQuery + "'");
        }
    }

    /** RFC 9110 tchar. */
    private static boolean tokenChar(int c) {
        return c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    // ---------------------------------------------------------------- selector thread

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        IOException ended = new IOException("raw HTTP client closed");
        try {
            while (running) {
                selector.select(selectTimeoutMillis());
                var keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (key.isValid()) {
                        handle((Conn) key.attachment(), buffer);
                    }
                }
                Pending next;
                while ((next = submitted.poll()) != null) {
                    waiting.addLast(next);
                    watch(next.deadline);
                }
                expire();
                dispatch();
            }
        } catch (IOException | RuntimeException e) {
            ended = new IOException("raw HTTP client failed", e);
        } finally {
            running = false;
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
            conn.key = channel.register(selector, 0, conn);
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
        if (nothingLeftOver && conn.reader.keepAlive() && running) {
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
        if (pending.resendable && conn.served > 0 && conn.received == 0 && !pending.resent && running) {
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
        running = false;
        selector.wakeup();
        try {
            loop.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failSubmitted();
        try {
            selector.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }

    /**
     * Incremental reader of one HTTP/1.1 response that keeps its status and framing and either skips
     * its body by counting or keeps it. Lines are copied into a fixed buffer (only their first bytes
     * matter) and a kept body into one buffer reused from response to response, so nothing is
     * allocated per byte or per line.
     */
    static final class ResponseReader {

        private static final int LINE_BYTES_KEPT = 256;
        private static final int BODY_BYTES_FIRST = 1024;
        /** A kept body beyond this is not an API answer the generator reads: the response fails. */
        private static final int BODY_BYTES_MAX = 16 * 1024 * 1024;
        private static final int LENGTH_DIGITS_MAX = 18; // cannot overflow a long
        private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] RETRY_AFTER = "retry-after".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] REBUILDING = "veltrix-rebuilding".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] KEEP_ALIVE = "keep-alive".getBytes(StandardCharsets.US_ASCII);

        private enum State { STATUS_LINE, HEADERS, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, DONE }

        private final byte[] line = new byte[LINE_BYTES_KEPT];
        private int lineLength;
        private boolean lineTruncated;
        private State state;
        private int status;
        private boolean http10;
        private long contentLength;
        private boolean chunked;
        private boolean close;
        private boolean keepAliveAsked;
        private String retryAfter;
        private String rebuilding;
        private long remaining;
        private boolean keepBody;
        private byte[] body;
        private int bodyLength;

        ResponseReader() {
            reset(false);
        }

        /** Ready for the next response, whose body is kept ({@link #body}) or skipped. */
        void reset(boolean keepBody) {
            this.keepBody = keepBody;
            bodyLength = 0;
            state = State.STATUS_LINE;
            status = -1;
            lineLength = 0;
            lineTruncated = false;
            resetHeaders();
        }

        private void resetHeaders() {
            http10 = false;
            contentLength = -1;
            chunked = false;
            close = false;
            keepAliveAsked = false;
            retryAfter = null;
            rebuilding = null;
        }

        /** Consumes bytes up to the end of this response; returns the index after the last one used. */
        int feed(byte[] bytes, int from, int to) throws ProtocolException {
            int i = from;
            while (i < to) {
                switch (state) {
                    case BODY, CHUNK_DATA -> {
                        int n = (int) Math.min(remaining, to - i);
                        keepBody(bytes, i, n);
                        i += n;
                        remaining -= n;
                        if (remaining == 0) {
                            state = state == State.BODY ? State.DONE : State.CHUNK_END;
                        }
                    }
                    case UNTIL_CLOSE -> {
                        keepBody(bytes, i, to - i);
                        i = to;
                    }
                    case DONE -> {
                        return i;
                    }
                    default -> {
                        int lf = i;
                        while (lf < to && bytes[lf] != '\n') {
                            lf++;
                        }
                        keep(bytes, i, lf);
                        if (lf == to) {
                            return to;
                        }
                        i = lf + 1;
                        endOfLine();
                    }
                }
            }
            return i;
        }

        boolean complete() {
            return state == State.DONE;
        }

        /** The response has no length: it ends when the server closes the connection. */
        boolean untilClose() {
            return state == State.UNTIL_CLOSE;
        }

        /** Whether the connection may carry another request after this response. */
        boolean keepAlive() {
            return !close && (!http10 || keepAliveAsked);
        }

        /** The status code, or -1 before the status line. */
        int status() {
            return status;
        }

        /** The Retry-After header's value, or null when the response has none. */
        String retryAfter() {
            return retryAfter;
        }

        /** The Veltrix-Rebuilding header's value, or null when the response has none. */
        String rebuilding() {
            return rebuilding;
        }

        /** The body read so far as UTF-8; empty when it is skipped. */
        String body() {
            return bodyLength == 0 ? "" : new String(body, 0, bodyLength, StandardCharsets.UTF_8);
        }

        private void keepBody(byte[] bytes, int from, int n) throws ProtocolException {
            if (!keepBody || n == 0) {
                return;
            }
            if (n > BODY_BYTES_MAX - bodyLength) {
                throw new ProtocolException("response body over " + BODY_BYTES_MAX + " bytes");
            }
            if (body == null || bodyLength + n > body.length) {
                int capacity = body == null ? BODY_BYTES_FIRST : body.length;
                while (capacity < bodyLength + n) {
                    capacity = (int) Math.min(BODY_BYTES_MAX, 2L * capacity);
                }
                body = body == null ? new byte[capacity] : Arrays.copyOf(body, capacity);
            }
            System.arraycopy(bytes, from, body, bodyLength, n);
            bodyLength += n;
        }

        private void keep(byte[] bytes, int from, int to) {
            int n = Math.min(to - from, LINE_BYTES_KEPT - lineLength);
            System.arraycopy(bytes, from, line, lineLength, n);
            lineLength += n;
            lineTruncated |= n < to - from;
        }

        private void endOfLine() throws ProtocolException {
            int length = lineLength;
            if (!lineTruncated && length > 0 && line[length - 1] == '\r') {
                length--;
            }
            lineLength = 0;
            lineTruncated = false;
            switch (state) {
                case STATUS_LINE -> statusLine(length);
                case HEADERS -> {
                    if (length == 0) {
                        endOfHeaders();
                    } else {
                        header(length);
                    }
                }
                case CHUNK_SIZE -> chunkSize(length);
                case CHUNK_END -> {
                    if (length != 0) {
                        throw new ProtocolException("chunk data longer than its size");
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    if (length == 0) {
                        state = State.DONE;
                    }
                }
                default -> throw new IllegalStateException("no line expected in " + state);
            }
        }

        private void statusLine(int length) throws ProtocolException {
            // HTTP/1.x NNN[ reason]
            if (length < 12 || !startsWith(line, "HTTP/1.") || line[8] != ' '
                    || !digit(line[9]) || !digit(line[10]) || !digit(line[11]) || (length > 12 && line[12] != ' ')) {
                throw new ProtocolException("not an HTTP/1.x status line: '" + text(length) + "'");
            }
            http10 = line[7] == '0';
            status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            state = State.HEADERS;
        }

        private void header(int length) throws ProtocolException {
            int colon = 0;
            while (colon < length && line[colon] != ':') {
                colon++;
            }
            int from = colon + 1;
            int to = length;
            while (from < to && (line[from] == ' ' || line[from] == '\t')) {
                from++;
            }
            while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
                to--;
            }
            if (nameIs(CONTENT_LENGTH, colon)) {
                contentLength = decimal(from, to);
            } else if (nameIs(TRANSFER_ENCODING, colon)) {
                chunked = hasToken(CHUNKED, from, to);
            } else if (nameIs(CONNECTION, colon)) {
                close |= hasToken(CLOSE, from, to);
                keepAliveAsked |= hasToken(KEEP_ALIVE, from, to);
            } else if (nameIs(RETRY_AFTER, colon)) {
                retryAfter = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
            } else if (nameIs(REBUILDING, colon)) {
                rebuilding = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
            }
        }

        private void endOfHeaders() {
            if (status < 200) {
                state = State.STATUS_LINE; // an interim response: the real one follows
                resetHeaders();
            } else if (status == 204 || status == 304) {
                state = State.DONE;
            } else if (chunked) {
                state = State.CHUNK_SIZE;
            } else if (contentLength >= 0) {
                remaining = contentLength;
                state = contentLength == 0 ? State.DONE : State.BODY;
            } else {
                state = State.UNTIL_CLOSE;
                close = true;
            }
        }

        private void chunkSize(int length) throws ProtocolException {
            long size = 0;
            int i = 0;
            while (i < length && hex(line[i]) >= 0) {
                if (size > Long.MAX_VALUE >> 4) {
                    throw new ProtocolException("chunk size too large");
                }
                size = size * 16 + hex(line[i]);
                i++;
            }
            if (i == 0 || (i < length && line[i] != ';' && line[i] != ' ' && line[i] != '\t')) {
                throw new ProtocolException("not a chunk size: '" + text(length) + "'");
            }
            if (size == 0) {
                state = State.TRAILERS;
            } else {
                remaining = size;
                state = State.CHUNK_DATA;
            }
        }

        private long decimal(int from, int to) throws ProtocolException {
            if (from >= to || to - from > LENGTH_DIGITS_MAX) {
                throw new ProtocolException("not a Content-Length: '" + text(to) + "'");
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                if (!digit(line[i])) {
                    throw new ProtocolException("not a Content-Length: '" + text(to) + "'");
                }
                value = value * 10 + (line[i] - '0');
            }
            return value;
        }

        private boolean nameIs(byte[] name, int colon) {
            return colon == name.length && equalsIgnoreCase(name, 0);
        }

        /** Whether {@code token} is one of the comma-separated values in {@code line[from, to)}. */
        private boolean hasToken(byte[] token, int from, int to) {
            int start = from;
            while (start < to) {
                int end = start;
                while (end < to && line[end] != ',') {
                    end++;
                }
                int a = start;
                int b = end;
                while (a < b && (line[a] == ' ' || line[a] == '\t')) {
                    a++;
                }
                while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) {
                    b--;
                }
                if (b - a == token.length && equalsIgnoreCase(token, a)) {
                    return true;
                }
                start = end + 1;
            }
            return false;
        }

        /** Whether {@code line[at, at + lower.length)} is {@code lower}, ignoring ASCII case. */
        private boolean equalsIgnoreCase(byte[] lower, int at) {
            for (int i = 0; i < lower.length; i++) {
                int c = line[at + i];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != lower[i]) {
                    return false;
                }
            }
            return true;
        }

        private static boolean startsWith(byte[] bytes, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (bytes[i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean digit(byte b) {
            return b >= '0' && b <= '9';
        }

        private static int hex(byte b) {
            if (b >= '0' && b <= '9') {
                return b - '0';
            }
            if (b >= 'a' && b <= 'f') {
                return b - 'a' + 10;
            }
            if (b >= 'A' && b <= 'F') {
                return b - 'A' + 10;
            }
            return -1;
        }

        private String text(int length) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
