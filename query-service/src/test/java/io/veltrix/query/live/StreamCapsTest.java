package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Live streams are capped per client address (429; the total cap, 503, in StreamQuotaTest), with Retry-After, as
 * problem+json; a stream that ends gives its place back.
 */
@TestPropertySource(properties = {"veltrix.live.max-streams-per-address=2", "veltrix.live.max-streams=3",
        "veltrix.live.heartbeat-ms=100"})
class StreamCapsTest extends QueryTestBase {

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

    private HttpResponse<InputStream> stream(String hunt) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/hunts/" + hunt + "/leaderboard/stream"))
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        open.add(response);
        return response;
    }

    @Test
    void aClientBeyondItsStreamsGets429AndTheServiceBeyondItsTotal503UntilAStreamEnds() throws Exception {
        HuntScenario scenario = HuntScenario.generate(11L, 2, 2, 0);
        scenario.appendTo(events, 50);
        awaitBoardsMatchReplay(scenario.hunt);
        String hunt = scenario.hunt.value();

        HttpResponse<InputStream> first = stream(hunt);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(stream(hunt).statusCode()).isEqualTo(200);

        HttpResponse<InputStream> third = stream(hunt);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(third.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        first.body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> quota.open() == 1);
        assertThat(stream(hunt).statusCode()).isEqualTo(200);
    }
}
