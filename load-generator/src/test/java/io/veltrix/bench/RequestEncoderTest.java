package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestEncoderTest {

    private final RequestEncoder encoder = new RequestEncoder("localhost", 8081);

    @Test
    void aRequestWithoutBodyHasHostThenTheCallersHeadersAndNoLength() {
        byte[] request = encoder.encode("GET", "/api/hunts/h/leaderboard/stream?changes=true",
                List.of(new String[] {"Accept", "text/event-stream"}, new String[] {"Cache-Control", "no-cache"}), null);
        assertEquals("GET /api/hunts/h/leaderboard/stream?changes=true HTTP/1.1\r\nHost: localhost:8081\r\n"
                + "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n", new String(request, StandardCharsets.US_ASCII));
    }

    @Test
    void aBodyFollowsItsContentLength() {
        byte[] request = encoder.encode("POST", "/api/hunts/h/finds",
                List.<String[]>of(new String[] {"Content-Type", "application/json"}),
                "{\"a\":1}".getBytes(StandardCharsets.US_ASCII));
        assertEquals("POST /api/hunts/h/finds HTTP/1.1\r\nHost: localhost:8081\r\nContent-Length: 7\r\n"
                + "Content-Type: application/json\r\n\r\n{\"a\":1}", new String(request, StandardCharsets.US_ASCII));
    }

    @Test
    void aGetIsEncodedOnceAndKept() {
        byte[] first = encoder.get("/api/hunts/h/leaderboard?limit=10");
        assertEquals("GET /api/hunts/h/leaderboard?limit=10 HTTP/1.1\r\nHost: localhost:8081\r\nAccept: application/json\r\n\r\n",
                new String(first, StandardCharsets.US_ASCII));
        assertSame(first, encoder.get("/api/hunts/h/leaderboard?limit=10"));
    }

    @Test
    void headersThatWouldBreakTheFramingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> encoder.encode("POST", "/x",
                List.<String[]>of(new String[] {"Content-Length", "0"}), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode("POST", "/x",
                List.<String[]>of(new String[] {"X-Evil", "a\r\nX-Smuggled: b"}), null));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode("PO ST", "/x", List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> encoder.encode("GET", "/a b", List.of(), null));
    }
}
