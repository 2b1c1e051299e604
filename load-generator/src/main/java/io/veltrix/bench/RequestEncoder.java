package io.veltrix.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bytes of HTTP/1.1 requests to one host: request line, Host, Content-Length and the caller's
 * headers, checked so that no caller can break the message's framing.
 */
final class RequestEncoder {

    /** Distinct request lines kept encoded; beyond that they are encoded per request. */
    private static final int ENCODED_PATHS_KEPT = 256;
    /** Headers that frame the message: the encoder writes them itself. */
    private static final Set<String> FRAMING_HEADERS = Set.of("host", "content-length", "transfer-encoding");

    private final String hostHeader;
    private final Map<String, byte[]> encodedGets = new ConcurrentHashMap<>();

    RequestEncoder(String host, int port) {
        this.hostHeader = host + ":" + port;
    }

    /** {@code GET pathAndQuery} asking for JSON; the first few hundred distinct ones are encoded once and kept. */
    byte[] get(String pathAndQuery) {
        byte[] request = encodedGets.get(pathAndQuery);
        if (request == null) {
            request = encodeGet(pathAndQuery);
            if (encodedGets.size() < ENCODED_PATHS_KEPT) {
                encodedGets.putIfAbsent(pathAndQuery, request);
            }
        }
        return request;
    }

    private byte[] encodeGet(String pathAndQuery) {
        requirePath(pathAndQuery);
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * {@code method pathAndQuery} with Host, Content-Length when {@code body} is not null, and
     * {@code headers} (name, value pairs); refuses what would break the request's framing.
     */
    byte[] encode(String method, String pathAndQuery, List<String[]> headers, byte[] body) {
        if (method.isEmpty() || !method.chars().allMatch(RequestEncoder::tokenChar)) {
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
            if (name.isEmpty() || !name.chars().allMatch(RequestEncoder::tokenChar)
                    || FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
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
}
