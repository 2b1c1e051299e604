package io.veltrix.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser of one HTTP/1.1 response carrying {@code text/event-stream}: status line and
 * headers, then the body (chunked or not), split into server-sent events. Bytes go in as they
 * arrive from the socket, completed events come out.
 */
final class SseParser {

    /** One dispatched event: its {@code event:} name (or "message") and its joined {@code data:} lines. */
    record Event(String name, String data) {
    }

    private enum State { HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, BODY, DONE }

    private State state = State.HEADERS;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int status = -1;
    private boolean chunked;
    private long chunkRemaining;

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
        return status;
    }

    boolean done() {
        return state == State.DONE;
    }

    /** Feeds bytes; returns the events completed by them. */
    List<Event> feed(byte[] bytes, int offset, int length) {
        List<Event> events = new ArrayList<>();
        int i = offset;
        int end = offset + length;
        while (i < end && state != State.DONE) {
            switch (state) {
                case HEADERS, CHUNK_SIZE, CHUNK_DATA_END -> {
                    byte b = bytes[i++];
                    if (b == '\n') {
                        String text = line.toString(StandardCharsets.ISO_8859_1);
                        line.reset();
                        if (text.endsWith("\r")) {
                            text = text.substring(0, text.length() - 1);
                        }
                        headerOrChunkLine(text);
                    } else {
                        line.write(b);
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    body(bytes, i, n, events);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.CHUNK_DATA_END;
                    }
                }
                case BODY -> {
                    body(bytes, i, end - i, events);
                    i = end;
                }
                default -> i = end;
            }
        }
        return events;
    }

    private void headerOrChunkLine(String text) {
        switch (state) {
            case HEADERS -> {
                if (status < 0) {
                    String[] parts = text.split(" ", 3);
                    status = parts.length >= 2 ? Integer.parseInt(parts[1]) : 0;
                } else if (text.isEmpty()) {
                    state = chunked ? State.CHUNK_SIZE : State.BODY;
                } else {
                    int colon = text.indexOf(':');
                    if (colon > 0 && text.substring(0, colon).trim().equalsIgnoreCase("transfer-encoding")
                            && text.substring(colon + 1).toLowerCase().contains("chunked")) {
                        chunked = true;
                    }
                }
            }
            case CHUNK_SIZE -> {
                String size = text;
                int ext = size.indexOf(';');
                if (ext >= 0) {
                    size = size.substring(0, ext);
                }
                chunkRemaining = Long.parseLong(size.trim(), 16);
                state = chunkRemaining == 0 ? State.DONE : State.CHUNK_DATA;
            }
            case CHUNK_DATA_END -> state = State.CHUNK_SIZE;
            default -> {
            }
        }
    }

    /**
     * The event-stream grammar: lines end in CR, LF or CRLF; an empty line dispatches. Lines are
     * found with a scan and copied in runs, and a field is decoded once, from the line's bytes: a
     * subscriber of a busy board receives megabytes a second and shares the machine it measures.
     */
    private void body(byte[] bytes, int offset, int length, List<Event> events) {
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
            fieldLine(events);
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

    private void fieldLine(List<Event> events) {
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
