package io.veltrix.query.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.testsupport.ObservedRequests;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A player's own view on the hot path answers exactly as the full stack does; every other reader
 * of the path goes through the full stack. A query string sends the same request through the full
 * stack (the controller takes no parameters), so each answer is compared both ways.
 */
class PlayerViewHotPathTest extends QueryTestBase {

    private static final List<String> SECURITY_HEADERS = List.of("X-Content-Type-Options", "X-XSS-Protection",
            "Cache-Control", "Pragma", "Expires", "X-Frame-Options");

    @Autowired
    private ObjectMapper json;
    @Autowired
    private MeterRegistry meters;

    private HuntScenario scenario;
    private PlayerId alice;
    private PlayerId bob;
    private String path;
    private ApiClient api;

    @BeforeEach
    void aPlayedHunt() {
        api = new ApiClient(port);
        scenario = HuntScenario.generate(11L, 3, 3, 0);
        scenario.appendTo(events, 50);
        alice = scenario.players.get(0);
        bob = scenario.players.get(1);
        events.append(new ClueFound(alice, scenario.hunt, scenario.clues.get(0), 10),
                new ClueFindRejected(alice, scenario.hunt, scenario.clues.get(1), 1));
        path = "/api/hunts/" + scenario.hunt.value() + "/players/" + alice.value();
        await().atMost(PROJECTION_WAIT).until(() -> api.get(path + "?wait", ApiClient.bearer(alice)).statusCode() == 200);
    }

    @Test
    void aPlayersOwnViewOnTheHotPathIsTheFullStacksAnswer() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json"}) {
            String[] headers = accept == null ? ApiClient.bearer(alice) : withAccept(ApiClient.bearer(alice), accept);
            double before = taken();
            HttpResponse<String> hot = api.get(path, headers);
            assertThat(taken()).as("taken by the hot path, Accept " + accept).isEqualTo(before + 1);
            HttpResponse<String> full = api.get(path + "?full", headers);
            assertThat(taken()).as("the full stack's answer is not the hot path's").isEqualTo(before + 1);

            assertThat(hot.statusCode()).isEqualTo(200).isEqualTo(full.statusCode());
            assertThat(json.readTree(hot.body())).isEqualTo(json.readTree(full.body()));
            assertThat(json.readTree(hot.body()).get("score").asInt()).isEqualTo(17);
            assertThat(hot.headers().firstValue("Content-Type")).isEqualTo(full.headers().firstValue("Content-Type"));
            for (String header : SECURITY_HEADERS) {
                assertThat(hot.headers().firstValue(header)).as(header).isPresent()
                        .isEqualTo(full.headers().firstValue(header));
            }
        }
    }

    @Test
    void everyOtherReaderOfThePathGoesThroughTheFullStack() throws Exception {
        double before = taken();
        assertThat(api.get(path).statusCode()).isEqualTo(401);
        assertThat(api.get(path, "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
        assertThat(api.get(path, ApiClient.bearer(bob)).statusCode()).isEqualTo(403);
        assertThat(api.get(path + "/", ApiClient.bearer(alice)).statusCode()).isNotEqualTo(200);
        assertThat(api.get(path, ApiClient.ORGANIZER).statusCode()).isEqualTo(200);
        assertThat(api.get(path, withAccept(ApiClient.bearer(alice), "text/html")).statusCode()).isEqualTo(406);
        assertThat(taken()).isEqualTo(before);

        assertThat(api.get(path, ApiClient.bearer(alice)).statusCode()).isEqualTo(200);
        assertThat(taken()).isEqualTo(before + 1);
    }

    /** A hot answer is timed once, by its own meter; the full stack's by the request observation. */
    @Test
    void theRequestObservationTimesOnlyWhatTheFullStackAnswers() throws Exception {
        long before = ObservedRequests.settled(meters);
        double hot = taken();

        assertThat(api.get(path, ApiClient.bearer(alice)).statusCode()).isEqualTo(200);
        assertThat(taken()).isEqualTo(hot + 1);
        assertThat(api.get(path + "?full", ApiClient.bearer(alice)).statusCode()).isEqualTo(200);

        assertThat(ObservedRequests.settled(meters)).as("the full stack's read alone").isEqualTo(before + 1);
    }

    private double taken() {
        return meters.get("veltrix.hot.requests").tag("request", "player-view").timer().count();
    }

    private static String[] withAccept(String[] headers, String accept) {
        return new String[] {headers[0], headers[1], "Accept", accept};
    }
}
