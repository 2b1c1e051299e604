package io.veltrix.query;

import io.veltrix.api.player.PlayerId;
import io.veltrix.testsupport.TestStaff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP calls against the running query service, as staff, a player or nobody. */
public final class ApiClient {

    public static final String[] NOBODY = {};
    public static final String[] ORGANIZER = basic("organizer", TestStaff.ORGANIZER_PASSWORD);
    public static final String[] AUDITOR = basic("auditor", TestStaff.AUDITOR_PASSWORD);
    public static final String[] ADMIN = basic("admin", TestStaff.ADMIN_PASSWORD);

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public static String[] basic(String user, String password) {
        return new String[] {"Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    public static String[] bearer(PlayerId player) {
        return new String[] {"Authorization", "Bearer " + HuntScenario.token(player)};
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String... headers) throws IOException, InterruptedException {
        return http.send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request;
    }
}
