package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private static List<SseParser.Event> feedByteByByte(SseParser parser, String text) throws ProtocolException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<SseParser.Event> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            events.addAll(parser.feed(bytes, i, 1));
        }
        return events;
    }

    @Test
    void aBodyAnotherClientDecodedGivesTheSameEventsInAnyPieces() {
        byte[] body = "event:change\r\ndata:{\"version\":8}\r\n\r\n:keep-alive\n\ndata:a\rdata:b\r\r".getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<SseParser.Event> events = new ArrayList<>();
        for (int i = 0; i < body.length; i += 3) {
            events.addAll(parser.feedBody(body, i, Math.min(3, body.length - i)));
        }
        assertEquals(List.of(new SseParser.Event("change", "{\"version\":8}"), new SseParser.Event("message", "a\nb")), events);
        assertEquals(-1, parser.status(), "no HTTP was read");
    }

    @Test
    void chunkedEventStreamSplitAnywhere() throws Exception {
        String body = "event:board\ndata:{\"version\":7}\n\n:keep-alive\n\ndata:a\ndata:b\n\n";
        String response = "HTTP/1.1 200 \r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
                + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n";
        SseParser parser = new SseParser();
        List<SseParser.Event> events = feedByteByByte(parser, response);
        assertEquals(200, parser.status());
        assertEquals(List.of(new SseParser.Event("board", "{\"version\":7}"), new SseParser.Event("message", "a\nb")), events);
    }

    @Test
    void plainBodyWithCrLfLines() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\r\n\r\ndata: y\r\n\r\n";
        SseParser parser = new SseParser();
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        List<SseParser.Event> events = parser.feed(bytes, 0, bytes.length);
        assertEquals(List.of(new SseParser.Event("message", "x"), new SseParser.Event("message", "y")), events);
    }

    @Test
    void theLastChunkEndsTheStream() throws Exception {
        SseParser parser = new SseParser();
        byte[] bytes = "HTTP/1.1 404 \r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(parser.feed(bytes, 0, bytes.length).isEmpty());
        assertEquals(404, parser.status());
        assertTrue(parser.done());
    }

    @Test
    void aLargeFrameInPiecesWithItsCrLfAndAMultiByteCharacterSplitBetweenReads() throws Exception {
        String json = "{\"version\":9,\"board\":[" + "{\"handle\":\"Zoë\"},".repeat(2000) + "{}]}";
        byte[] bytes = ("HTTP/1.1 200 OK\r\n\r\nevent:board\r\ndata:" + json + "\r\n\r\n:keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        int crLf = indexOf(bytes, "}]}\r\n".getBytes(StandardCharsets.UTF_8)) + 4; // between CR and LF
        int umlaut = indexOf(bytes, "ë".getBytes(StandardCharsets.UTF_8)) + 1; // inside the two-byte ë
        SseParser parser = new SseParser();
        List<SseParser.Event> events = new ArrayList<>();
        events.addAll(parser.feed(bytes, 0, umlaut));
        events.addAll(parser.feed(bytes, umlaut, crLf - umlaut));
        events.addAll(parser.feed(bytes, crLf, bytes.length - crLf));
        assertEquals(List.of(new SseParser.Event("board", json)), events);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
