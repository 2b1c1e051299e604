package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.query.QueryTestBase;
import io.veltrix.testsupport.TestStaff;
import org.junit.jupiter.api.Test;

/**
 * An event the leaderboard cannot store (a clue id longer than its column) is parked in the
 * dead-letter queue with its player's sequence; everyone else's events go on being projected.
 */
class DeadLetterTest extends QueryTestBase {


    @Test
    void aFailingEventIsParkedAndDoesNotStallTheBoard() throws Exception {
        HuntId hunt = HuntId.random();
        PlayerId broken = PlayerId.random();
        PlayerId fine = PlayerId.random();
        events.append(new HuntCreated(hunt, "dlq", null, null, null, 0, 5, 60, "organizer"));
        events.append(new PlayerRegistered(broken, hunt, "broken", "h1"), new PlayerRegistered(fine, hunt, "fine", "h2"));
        events.append(new ClueFound(broken, hunt, new ClueId("x".repeat(100)), 10));
        events.append(new ClueFound(fine, hunt, new ClueId("c1"), 10));

        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(
                leaderboards.page(hunt.value(), BoardView.LIVE, 10, 0))
                .extracting(BoardLine::playerId, BoardLine::score)
                .contains(org.assertj.core.groups.Tuple.tuple(fine.value(), 10)));
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT count(*) FROM dead_letter_entry
                        WHERE processing_group = 'leaderboard' AND sequence_identifier = :player""")
                .param("player", broken.value()).query(Long.class).single()).isEqualTo(1L));

        // Visible to an admin, and retryable: an event that still fails stays parked.
        String admin = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + TestStaff.ADMIN_PASSWORD).getBytes());
        assertThat(http("GET", "/api/admin/dead-letters", null).statusCode()).isEqualTo(401);
        assertThat(http("POST", "/api/admin/dead-letters/leaderboard/retry",
                "Basic " + java.util.Base64.getEncoder().encodeToString(("organizer:" + TestStaff.ORGANIZER_PASSWORD).getBytes())).statusCode())
                .isEqualTo(403);
        assertThat(http("GET", "/api/admin/dead-letters", admin).body())
                .contains("{\"projection\":\"leaderboard\",\"sequences\":1,\"letters\":1}");
        var retried = http("POST", "/api/admin/dead-letters/leaderboard/retry", admin);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).contains("\"sequencesRetriedSuccessfully\":0").contains("\"sequencesStillParked\":1");
        assertThat(http("POST", "/api/admin/dead-letters/nope/retry", admin).statusCode()).isEqualTo(404);
    }

    private java.net.http.HttpResponse<String> http(String method, String path, String auth) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }
}
