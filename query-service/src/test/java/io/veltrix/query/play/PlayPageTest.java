package io.veltrix.query.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.query.QueryTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The player page is served to anyone, with a policy that lets its script post to the command
 * service (and nowhere else), and the page learns the command service's URL from this service.
 */
class PlayPageTest extends QueryTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageMayConnectToTheCommandServiceAndTheBigScreenMayNot() throws Exception {
        HttpResponse<String> page = get("/play/some-hunt");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Join the hunt", "/assets/play/main.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("connect-src 'self' http://localhost:8081;", "script-src 'self';", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> bigScreen = get("/hunts/some-hunt");
        assertThat(bigScreen.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("connect-src 'self';"));
    }

    @Test
    void thePageLearnsWhereToPost() throws Exception {
        HttpResponse<String> config = get("/api/web-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(config.body()).get("commandUrl").asText()).isEqualTo("http://localhost:8081");
    }

    @Test
    void thePolicyNamesTheCommandServicesOriginOnly() {
        assertThat(PlayPage.originOf("https://api.example.org/veltrix/")).isEqualTo("https://api.example.org");
        assertThat(PlayPage.originOf("http://localhost:18081")).isEqualTo("http://localhost:18081");
        assertThat(PlayPage.originOf("")).isEmpty();
        assertThatThrownBy(() -> PlayPage.originOf("localhost:8081")).isInstanceOf(IllegalStateException.class);
    }
}
