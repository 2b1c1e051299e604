package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.testsupport.TestStaff;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a trusted reverse proxy (the test's loopback peer), the staff-login throttle and the
 * live-stream cap count the client the proxy names in X-Forwarded-For, so one client behind it
 * cannot lock out or crowd out another; a hop written by anyone else (an untrusted proxy, or the
 * client) is not believed, so a client cannot escape either by naming new addresses.
 */
@TestPropertySource(properties = {"veltrix.http.trusted-proxies=127.0.0.1,::1",
        "veltrix.security.staff-login.failures-per-address=3",
        "veltrix.live.max-streams-per-address=2", "veltrix.live.max-streams=100", "veltrix.live.heartbeat-ms=100"})
class ForwardedClientAddressTest extends QueryTestBase {

    private static final String WRONG = "Basic " + Base64.getEncoder()
            .encodeToString("admin:not-the-password".getBytes(StandardCharsets.UTF_8));
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + TestStaff.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<HttpResponse<InputStream>> open = new ArrayList<>();
    @Autowired
    private StreamQuota quota;

    @AfterEach
    void closeStreams() throws Exception {
        for (HttpResponse<InputStream> stream : open) {
            stream.body().close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> quota.open() == 0);
    }

    private int login(String authorization, String forwardedFor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", authorization).header("X-Forwarded-For", forwardedFor).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int stream(String hunt, String forwardedFor) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/hunts/" + hunt + "/leaderboard/stream"))
                .header("Accept", "text/event-stream").header("X-Forwarded-For", forwardedFor).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        open.add(response);
        return response.statusCode();
    }

    @Test
    void failedStaffLoginsCountPerClientTheTrustedProxyNames() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(login(WRONG, "203.0.113.10")).isEqualTo(401);
        }
        assertThat(login(WRONG, "203.0.113.10")).as("the guessing client").isEqualTo(429);
        assertThat(login(ADMIN, "203.0.113.10")).isEqualTo(429);
        // another client behind the same proxy is not locked out with it
        assertThat(login(WRONG, "203.0.113.11")).isEqualTo(401);
        assertThat(login(ADMIN, "203.0.113.11")).isEqualTo(200);

        // a hop the trusted proxy did not write is not believed: naming new addresses gains nothing
        for (int i = 0; i < 3; i++) {
            assertThat(login(WRONG, "198.51.100." + i + ", 203.0.113.20")).isEqualTo(401);
        }
        assertThat(login(WRONG, "198.51.100.99, 203.0.113.20")).isEqualTo(429);
    }

    @Test
    void liveStreamsCountPerClientTheTrustedProxyNames() throws Exception {
        HuntScenario scenario = HuntScenario.generate(13L, 2, 2, 0);
        scenario.appendTo(events, 50);
        awaitBoardsMatchReplay(scenario.hunt);
        String hunt = scenario.hunt.value();

        assertThat(stream(hunt, "203.0.113.40")).isEqualTo(200);
        assertThat(stream(hunt, "203.0.113.40")).isEqualTo(200);
        assertThat(stream(hunt, "203.0.113.40")).as("the client over its cap").isEqualTo(429);
        assertThat(stream(hunt, "203.0.113.41")).as("another client behind the proxy").isEqualTo(200);

        assertThat(stream(hunt, "198.51.100.1, 203.0.113.50")).isEqualTo(200);
        assertThat(stream(hunt, "198.51.100.2, 203.0.113.50")).isEqualTo(200);
        assertThat(stream(hunt, "198.51.100.3, 203.0.113.50")).as("a forged first hop").isEqualTo(429);
    }
}
