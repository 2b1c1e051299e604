package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The organizers' CSV export: what a spreadsheet opening it reads, whatever players named themselves. */
class LeaderboardCsvTest extends QueryTestBase {

    @Test
    void handlesAreQuotedAsCsvWantsAndNeverReadAsFormulas() throws Exception {
        HuntScenario scenario = HuntScenario.generate(11L, 2, 2, 0);
        scenario.appendTo(events, 50);
        List<String> handles = List.of("=HYPERLINK(\"http://evil.example\",\"win\")", "+1", "-2", "@SUM(A1)",
                "comma, and \"quotes\"", "plain");
        for (String handle : handles) {
            events.append(new PlayerRegistered(PlayerId.random(), scenario.hunt, handle, "hash-" + handle.hashCode()));
        }
        await().atMost(PROJECTION_WAIT).until(() -> csv(scenario).split("\r\n").length == 1 + 2 + handles.size());

        String body = csv(scenario);
        assertThat(body).endsWith("\r\n");
        List<String> handleCells = List.of(body.split("\r\n")).subList(1, 1 + 2 + handles.size()).stream()
                .map(LeaderboardCsvTest::handleCell).toList();
        assertThat(handleCells).contains(
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"win\"\")\"",
                "'+1", "'-2", "'@SUM(A1)",
                "\"comma, and \"\"quotes\"\"\"",
                "plain");
    }

    private String csv(HuntScenario scenario) throws Exception {
        HttpResponse<String> answer = new ApiClient(port).get("/api/hunts/" + scenario.hunt + "/leaderboard.csv",
                ApiClient.ORGANIZER);
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    /** The third cell of a row (rank, playerId, handle, …), quotes kept as written. */
    private static String handleCell(String row) {
        int start = row.indexOf(',', row.indexOf(',') + 1) + 1;
        int end = start;
        boolean quoted = false;
        while (end < row.length() && (quoted || row.charAt(end) != ',')) {
            if (row.charAt(end) == '"') {
                quoted = !quoted;
            }
            end++;
        }
        return row.substring(start, end);
    }
}
