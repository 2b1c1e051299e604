package io.veltrix.bench;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental reader of one HTTP/1.1 response that keeps its status and framing and either skips
 * its body by counting, keeps it, or hands it on de-chunked as it arrives (an event stream). Lines
 * are copied into a fixed buffer (only their first bytes matter) and a kept body into one buffer
 * reused from response to response, so nothing is allocated per byte or per line. Longer than
 * most files here because HTTP/1.1 framing (status, headers, lengths, chunks, trailers) is one
 * state machine.
 */
final class ResponseReader {

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

    /** Where a streamed body goes, piece by piece as it arrives. */
    interface BodySink {
        void body(byte[] bytes, int from, int length);
    }

    /** Null unless the body is streamed. */
    private final BodySink sink;

    ResponseReader() {
        this(null);
    }

    /** A reader of a response whose body is neither kept nor skipped but handed to {@code sink}. */
    ResponseReader(BodySink sink) {
        this.sink = sink;
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

    /** The body is chunked (known once the headers are read). */
    boolean chunked() {
        return chunked;
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
            if (sink != null && n > 0) {
                sink.body(bytes, from, n);
            }
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
