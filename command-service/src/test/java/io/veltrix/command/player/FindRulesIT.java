package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lockout after wrong answers, the per-player rate limit, and players acting only as themselves. */
class FindRulesIT extends CommandServiceIT {

    private String runningHunt(String settings, String answer) {
        String hunt = createHunt("{\"name\":\"Rules\"" + settings + "}");
        addClue(hunt, "Only", List.of(answer), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        return hunt;
    }

    private String clueOf(String hunt) {
        return jdbc.sql("SELECT clue_id FROM hunt_clue WHERE hunt_id = ?").param(hunt).query(String.class).single();
    }

    @Test
    void wrongAnswersLockTheClueOutWith429AndRetryAfterAndTheRefusalIsRecorded() {
        String hunt = runningHunt(",\"maxWrongAttempts\":3,\"lockoutWindowSeconds\":120", "gold");
        String clue = clueOf(hunt);
        var player = register(hunt, "Guesser");
        String token = player.get("token").asText();
        for (int i = 0; i < 3; i++) {
            var wrong = find(hunt, token, clue, "lead " + i);
            assertThat(wrong.status()).isEqualTo(200);
            assertThat(wrong.json().get("outcome").asText()).isEqualTo("WRONG");
        }
        var locked = find(hunt, token, clue, "gold");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(100L, 120L);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(locked.json().get("outcome").asText()).isEqualTo("LOCKED_OUT");
        long retryAfter = locked.json().get("retryAfterSeconds").asLong();
        assertThat(retryAfter).isEqualTo(Long.parseLong(locked.header("Retry-After")));
        assertThat(locked.json().get("type").asText()).isEqualTo("https://veltrix.io/problems/locked-out");
        assertThat(locked.json().get("title").asText()).isEqualTo("Too Many Requests");
        assertThat(locked.json().get("status").asInt()).isEqualTo(429);
        assertThat(locked.json().get("detail").asText())
                .isEqualTo("too many wrong answers for this clue; retry in " + retryAfter + " s");
        assertThat(locked.json().properties()).extracting(Map.Entry::getKey)
                .containsExactly("type", "title", "status", "detail", "outcome", "retryAfterSeconds");

        List<String> events = jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(player.get("playerId").asText()).query(String.class).list();
        assertThat(events).endsWith("io.veltrix.api.find.ClueFindRejected", "io.veltrix.api.find.ClueFindRejected",
                "io.veltrix.api.find.ClueFindRejected", "io.veltrix.api.find.ClueFindRefused");
    }

    @Test
    void aFloodFromOnePlayerIsRateLimited() {
        String hunt = runningHunt("", "gold");
        String clue = clueOf(hunt);
        String token = register(hunt, "Flooder").get("token").asText();
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 40; i++) {
            var answer = find(hunt, token, clue, "gold");
            statuses.add(answer.status());
            if (answer.status() == 429 && retryAfter == null) {
                retryAfter = answer.header("Retry-After");
                assertThat(answer.json().get("type").asText()).endsWith("/rate-limited");
            }
        }
        // A burst of 20 passes, then the bucket refills at 10/s: the rest of a 40-request burst is refused.
        assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(20L, 30L);
        assertThat(statuses).contains(429);
        assertThat(retryAfter).isNotNull();
    }

    @Test
    void directionMarksInAnAnswerAreIgnoredNotRefused() {
        // a right-to-left keyboard may put an invisible mark into what a player types, or an organizer pastes
        String hunt = runningHunt("", "\u200Fkey\u061C");
        String clue = clueOf(hunt);
        String token = register(hunt, "Typist").get("token").asText();
        var answer = find(hunt, token, clue, "\u200Ek\u202Eey\u202C");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("outcome").asText()).isEqualTo("FOUND");
    }

    @Test
    void unknownCluesAreNotFound() {
        String hunt = runningHunt("", "gold");
        String token = register(hunt, "Lost").get("token").asText();
        assertThat(find(hunt, token, "no-such-clue", "gold").status()).isEqualTo(404);
        assertThat(post("/api/hunts/" + hunt + "/hints/no-such-clue", null, bearer(token)).status()).isEqualTo(404);
    }
}
