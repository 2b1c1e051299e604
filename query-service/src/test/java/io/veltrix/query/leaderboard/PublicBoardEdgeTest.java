package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Anonymous reads of a page read moments ago are answered ahead of the filter chain: with the
 * same status, body and headers as the chain gives, and never for anyone with credentials or a
 * request the chain might answer differently.
 */
class PublicBoardEdgeTest extends QueryTestBase {

    @Autowired
    MeterRegistry registry;

    private double edgeHits() {
        return registry.get(PublicBoardEdge.HITS).counter().count();
    }

    /** Status, body and headers apart from the date. */
    private static Map<String, Object> seen(HttpResponse<String> response) {
        Map<String, Object> all = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date")) {
                all.put(name.toLowerCase(), values);
            }
        });
        all.put(":status", response.statusCode());
        all.put(":body", response.body());
        return all;
    }

    /** Appends the hunt, waits until it is projected, and returns its board's path. */
    private String projectedBoard(HuntScenario scenario) {
        scenario.appendTo(events, 100);
        awaitBoardsMatchReplay(scenario.hunt);
        return "/api/hunts/" + scenario.hunt.value() + "/leaderboard";
    }

    @Test
    void aRecentPageIsAnsweredEarlyExactlyAsTheChainAnsweredIt() throws Exception {
        ApiClient api = new ApiClient(port);
        String path = projectedBoard(HuntScenario.generate(21L, 30, 5, 300)) + "?limit=20";

        double before = edgeHits();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < 30 && edgeHits() - before < 3; i++) {
            answers.add(seen(api.get(path)));
        }

        assertThat(edgeHits() - before).as("reads answered ahead of the chain").isGreaterThanOrEqualTo(3);
        assertThat(answers.get(0).get(":status")).isEqualTo(200);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
    }

    @Test
    void credentialsAndUnusualRequestsAlwaysGoThroughTheChain() throws Exception {
        ApiClient api = new ApiClient(port);
        String board = projectedBoard(HuntScenario.generate(22L, 10, 3, 50));
        api.get(board); // a fresh public page, ready to be served early

        double before = edgeHits();
        assertThat(api.get(board, ApiClient.ORGANIZER).statusCode()).isEqualTo(200);
        assertThat(api.get(board, "Authorization", "Basic bm9ib2R5Om5vdGhpbmc=").statusCode()).isEqualTo(401);
        assertThat(api.get(board + "?limit=50&offset=0&extra=1").statusCode()).isEqualTo(200);
        assertThat(api.get(board + "?limit=-1").statusCode()).isEqualTo(400);
        assertThat(api.get(board + "/").statusCode()).isEqualTo(401); // not a public path
        assertThat(edgeHits()).isEqualTo(before);
    }
}
