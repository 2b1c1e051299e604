package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    @Test
    void fedByteByByteStopsAtTheEndOfTheResponse() throws Exception {
        String response = "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, Chunked\r\nConnection: keep-alive\r\n\r\n"
                + "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n";
        byte[] bytes = (response + "NEXT").getBytes(StandardCharsets.US_ASCII);
        ResponseReader reader = new ResponseReader();
        int i = 0;
        while (!reader.complete() && i < bytes.length) {
            assertEquals(i + 1, reader.feed(bytes, i, i + 1));
            i++;
        }
        assertTrue(reader.complete());
        assertEquals(response.length(), i);
        assertEquals(200, reader.status());
        assertTrue(reader.keepAlive());
        assertEquals(i, reader.feed(bytes, i, bytes.length)); // a complete response takes no more bytes
    }

    @Test
    void keepsRetryAfterAndForgetsItForTheNextResponse() throws Exception {
        ResponseReader reader = new ResponseReader();
        reader.reset(true);
        byte[] shed = ("HTTP/1.1 503 Service Unavailable\r\nretry-after:  2 \r\nContent-Type: application/problem+json\r\n"
                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
        reader.feed(shed, 0, shed.length);
        assertTrue(reader.complete());
        assertEquals("2", reader.retryAfter());
        reader.reset(true);
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        reader.feed(ok, 0, ok.length);
        assertEquals(null, reader.retryAfter());
    }

    @Test
    void keepsTheRebuildingHeaderAndForgetsItForTheNextResponse() throws Exception {
        ResponseReader reader = new ResponseReader();
        reader.reset(true);
        byte[] rebuilding = ("HTTP/1.1 200 OK\r\nVeltrix-Rebuilding: leaderboard\r\nContent-Length: 2\r\n\r\n[]")
                .getBytes(StandardCharsets.US_ASCII);
        reader.feed(rebuilding, 0, rebuilding.length);
        assertEquals("leaderboard", reader.rebuilding());
        reader.reset(true);
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        reader.feed(ok, 0, ok.length);
        assertEquals(null, reader.rebuilding());
    }

    @Test
    void framingAndKeepAlive() throws Exception {
        ResponseReader lengthAndClose = read("HTTP/1.1 503 Service Unavailable\r\nCONTENT-LENGTH: 4\r\nConnection: Close\r\n\r\nbusy");
        assertTrue(lengthAndClose.complete());
        assertEquals(503, lengthAndClose.status());
        assertFalse(lengthAndClose.keepAlive());

        ResponseReader http10 = read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertTrue(http10.complete());
        assertFalse(http10.keepAlive());

        ResponseReader noContent = read("HTTP/1.1 204 No Content\r\n\r\n");
        assertTrue(noContent.complete());
        assertTrue(noContent.keepAlive());

        ResponseReader unframed = read("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        assertFalse(unframed.complete());
        assertTrue(unframed.untilClose());
        assertFalse(unframed.keepAlive());

        assertThrows(ProtocolException.class, () -> read("SSH-2.0-OpenSSH_9.2\r\n"));
        assertThrows(ProtocolException.class, () -> read("HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\n"));
        assertThrows(ProtocolException.class, () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
    }

    @Test
    void keepsTheBodyOnlyWhenAsked() throws Exception {
        String body = "[{\"handle\":\"Łódź\"}]";
        byte[] bytes = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        ResponseReader reader = new ResponseReader();
        reader.reset(true);
        for (int i = 0; i < bytes.length; i++) {
            reader.feed(bytes, i, i + 1);
        }
        assertTrue(reader.complete());
        assertEquals(body, reader.body());
        reader.reset(false);
        reader.feed(bytes, 0, bytes.length);
        assertTrue(reader.complete());
        assertEquals("", reader.body());
    }

    private static ResponseReader read(String text) throws ProtocolException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ResponseReader reader = new ResponseReader();
        reader.feed(bytes, 0, bytes.length);
        return reader;
    }

    @Test
    void aStreamedBodyIsHandedOnDeChunkedAndNeitherKeptNorCounted() throws Exception {
        StringBuilder streamed = new StringBuilder();
        ResponseReader reader = new ResponseReader((bytes, from, length) ->
                streamed.append(new String(bytes, from, length, StandardCharsets.US_ASCII)));
        byte[] bytes = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\ndata:\r\n3;x=y\r\n 1\n\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            reader.feed(bytes, i, i + 1);
        }
        assertTrue(reader.complete());
        assertTrue(reader.chunked());
        assertEquals("data: 1\n", streamed.toString());
        assertEquals("", reader.body());
    }
}
