package io.veltrix.bench;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser of one HTTP/1.1 response carrying {@code text/event-stream}: a
 * {@link ResponseReader} reads its status, headers and framing (chunked or not) and hands on the
 * body, which is split into server-sent events. Bytes go in as they arrive from the socket,
 * completed events come out. A client that decodes HTTP itself (a library's) feeds the body
 * alone ({@link #feedBody}), so both transports share the event-stream grammar.
 */
final class SseParser {

    /** One dispatched event: its {@code event:} name (or "message") and its joined {@code data:} lines. */
    record Event(String name, String data) {
    }

    private final ResponseReader response = new ResponseReader(this::body);
    /** Where the events completed by the bytes being fed go. */
    private List<Event> events;

    // event-stream line assembly (over the de-chunked body)
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private byte[] bodyLine = new byte[16 * 1024];
    private int lineLength;
    private boolean lastWasCr;
    private String eventName;
    private String data;

    /** The HTTP status, or -1 before the status line arrived. */
    int status() {
        return response.status();
    }

    /** The server ended the stream with its last chunk; a stream framed otherwise ends when the connection closes. */
    boolean done() {
        return response.complete() && response.chunked();
    }

    /** Feeds bytes; returns the events completed by them. Fails on bytes that are not an HTTP/1.x response. */
    List<Event> feed(byte[] bytes, int offset, int length) throws ProtocolException {
        List<Event> completed = new ArrayList<>();
        events = completed;
        try {
            response.feed(bytes, offset, offset + length);
        } finally {
            events = null;
        }
        return completed;
    }

    /**
     * Feeds bytes of the response's body, already de-chunked by another HTTP client; returns the
     * events completed by them. Not to be mixed with {@link #feed} on one parser.
     */
    List<Event> feedBody(byte[] bytes, int offset, int length) {
        List<Event> completed = new ArrayList<>();
        events = completed;
        try {
            body(bytes, offset, length);
        } finally {
            events = null;
        }
        return completed;
    }

    /**
     * The event-stream grammar: lines end in CR, LF or CRLF; an empty line dispatches. Lines are
     * found with a scan and copied in runs, and a field is decoded once, from the line's bytes: a
     * subscriber of a busy board receives megabytes a second and shares the machine it measures.
     */
    private void body(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (lastWasCr) {
                lastWasCr = false;
                if (bytes[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int lineEnd = i;
            while (lineEnd < end && bytes[lineEnd] != '\n' && bytes[lineEnd] != '\r') {
                lineEnd++;
            }
            appendToLine(bytes, i, lineEnd - i);
            if (lineEnd == end) {
                return;
            }
            lastWasCr = bytes[lineEnd] == '\r';
            fieldLine();
            lineLength = 0;
            i = lineEnd + 1;
        }
    }

    private void appendToLine(byte[] bytes, int offset, int length) {
        if (lineLength + length > bodyLine.length) {
            bodyLine = Arrays.copyOf(bodyLine, Math.max(bodyLine.length * 2, lineLength + length));
        }
        System.arraycopy(bytes, offset, bodyLine, lineLength, length);
        lineLength += length;
    }

    private void fieldLine() {
        if (lineLength == 0) {
            if (data != null) {
                events.add(new Event(eventName == null ? "message" : eventName, data));
            }
            data = null;
            eventName = null;
            return;
        }
        if (bodyLine[0] == ':') {
            return; // comment (keep-alive)
        }
        int colon = 0;
        while (colon < lineLength && bodyLine[colon] != ':') {
            colon++;
        }
        int valueStart = Math.min(colon + 1, lineLength);
        if (valueStart < lineLength && bodyLine[valueStart] == ' ') {
            valueStart++;
        }
        if (fieldIs(DATA, colon)) {
            String value = new String(bodyLine, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
            data = data == null ? value : data + "\n" + value;
        } else if (fieldIs(EVENT, colon)) {
            eventName = new String(bodyLine, valueStart, lineLength - valueStart, StandardCharsets.UTF_8);
        }
    }

    private boolean fieldIs(byte[] name, int length) {
        return length == name.length && Arrays.equals(bodyLine, 0, length, name, 0, length);
    }
}
