package io.veltrix.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request at a time against a service on localhost, any method, body and headers, answered
 * with status, content type and body. A live stream (text/event-stream) never ends, so only its
 * status and headers are read before it is closed.
 */
public final class HttpProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final int port;

    public HttpProbe(int port) {
        this.port = port;
    }

    /** What came back; {@code body} is empty for a stream. */
    public record Reply(int status, String contentType, String body) {
        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    /**
     * Sends {@code method path} with {@code body} (null: none) and header name/value pairs;
     * a {@code Content-Type} among them replaces the default {@code application/json}, an empty one
     * sends none. A header whose value is null is left out.
     */
    public Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            boolean contentType = headers[i].equalsIgnoreCase("Content-Type");
            typed |= contentType;
            if (headers[i + 1] == null || contentType && headers[i + 1].isEmpty()) {
                continue;
            }
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null && !typed) {
            request.header("Content-Type", "application/json");
        }
        try {
            return exchange(request.build());
        } catch (IOException dropped) {
            // a server may close a kept-alive connection after an answer (one whose request body it
            // did not read); the client finds out only on its next request: that one is sent again
            try {
                return exchange(request.build());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + ": " + e, e);
            }
        }
    }

    private Reply exchange(HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream in = response.body()) {
                String text = contentType != null && contentType.startsWith("text/event-stream")
                        ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(response.statusCode(), contentType, text);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
