package io.veltrix.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx problem and writes nothing. */
class BadInputIT extends CommandServiceIT {

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private void refused(String path, String body, String auth, int status, String detailFragment) {
        long before = events();
        var answer = post(path, body, auth);
        assertThat(answer.status()).as(body).isEqualTo(status);
        assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).as(body).contains(detailFragment);
        assertThat(events()).as("nothing appended for " + body).isEqualTo(before);
    }

    @Test
    void malformedUnknownMissingAndMistypedBodiesAre400() {
        refused("/api/hunts", "{\"name\":", ORGANIZER, 400, "malformed JSON");
        refused("/api/hunts", "{\"name\":\"x\",\"colour\":\"red\"}", ORGANIZER, 400, "unknown field 'colour'");
        refused("/api/hunts", "{\"name\":\"x\",\"maxPlayers\":\"many\"}", ORGANIZER, 400, "maxPlayers");
        refused("/api/hunts", "{\"name\":\"x\",\"maxPlayers\":1.5}", ORGANIZER, 400, "maxPlayers");
        refused("/api/hunts", "{\"name\":\"x\",\"startsAt\":\"tomorrow\"}", ORGANIZER, 400, "startsAt");
        refused("/api/hunts", "{}", ORGANIZER, 400, "'name' is required");
        refused("/api/hunts", "[1,2]", ORGANIZER, 400, "");
        refused("/api/hunts", "", ORGANIZER, 400, "");
        refused("/api/hunts", "{\"name\":\"" + "n".repeat(201) + "\"}", ORGANIZER, 400, "longer than 200");
        refused("/api/hunts", "{\"name\":\"nul\\u0000byte\"}", ORGANIZER, 400, "control character");
        refused("/api/hunts", "{\"name\":\"lone \\ud800 surrogate\"}", ORGANIZER, 400, "surrogate");
        refused("/api/hunts", "{\"name\":\"x\",\"maxPlayers\":0}", ORGANIZER, 400, "maxPlayers");
    }

    @Test
    void hugeBodiesAre413() {
        refused("/api/hunts", "{\"name\":\"" + "x".repeat(100_000) + "\"}", ORGANIZER, 413, "exceeds");
    }

    @Test
    void clueAndFindInputIsChecked() {
        String hunt = createHunt("{\"name\":\"Inputs\"}");
        refused("/api/hunts/" + hunt + "/clues", "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[],\"points\":5}",
                ORGANIZER, 400, "answers");
        refused("/api/hunts/" + hunt + "/clues", "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"]}",
                ORGANIZER, 400, "points");
        refused("/api/hunts/" + hunt + "/clues", "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":0}",
                ORGANIZER, 400, "points");
        refused("/api/hunts/" + hunt + "/clues", "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"   \"],\"points\":5}",
                ORGANIZER, 400, "answers");
        addClue(hunt, "Real", List.of("a"), 5, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, "inputs").get("token").asText();
        refused("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"c\"}", bearer(token), 400, "'answer' is required");
        refused("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"c\",\"answer\":\"" + "a".repeat(501) + "\"}",
                bearer(token), 400, "longer than 500");
        refused("/api/hunts/" + hunt + "/finds", "{\"clueId\":5,\"answer\":true,\"extra\":1}", bearer(token), 400, "");
    }

    @Test
    void bidiControlsAreRefusedInEveryUserTextThatIsShown() {
        String hunt = createHunt("{\"name\":\"Bidi\"}");
        String clue = "{\"title\":\"%s\",\"riddle\":\"%s\",\"hint\":\"%s\",\"answers\":[\"%s\"],\"points\":5}";
        // an override, an embedding, an isolate, the marks: each would show text in another order than it is stored
        for (String bidi : List.of("\\u202E", "\\u202A", "\\u2067", "\\u200F", "\\u061C")) {
            String text = "gold" + bidi + "dlog";
            refused("/api/hunts", "{\"name\":\"" + text + "\"}", ORGANIZER, 400, "'name' holds a bidirectional control");
            refused("/api/hunts/" + hunt + "/clues", clue.formatted(text, "r", "h", "a"), ORGANIZER, 400, "'title'");
            refused("/api/hunts/" + hunt + "/clues", clue.formatted("t", text, "h", "a"), ORGANIZER, 400, "'riddle'");
            refused("/api/hunts/" + hunt + "/clues", clue.formatted("t", "r", text, "a"), ORGANIZER, 400, "'hint'");
        }
        addClue(hunt, "Real", List.of("a"), 5, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        var player = register(hunt, "bidi-player");
        String token = player.get("token").asText();
        String playerId = player.get("playerId").asText();
        refused("/api/hunts/" + hunt + "/players/" + playerId + "/disqualify", "{\"reason\":\"cheat\\u202Eed\"}",
                ORGANIZER, 400, "'reason' holds a bidirectional control");
        refused("/api/hunts/" + hunt + "/players/" + playerId + "/adjustments",
                "{\"points\":5,\"reason\":\"bonus\\u2066x\\u2069\"}", ORGANIZER, 400, "'reason'");
        refused("/api/hunts/" + hunt + "/players", "{\"handle\":\"bi\\u202Edi\"}", null, 400, "invisible or formatting");
    }

    @Test
    void unknownHuntsAre404ForTheAdminAnd403ForOrganizers() {
        refused("/api/hunts/nope/publish", null, ADMIN, 404, "");
        refused("/api/hunts/nope/clues", "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":5}",
                ADMIN, 404, "");
        // an organizer is told no more about a hunt that does not exist than about another organizer's
        refused("/api/hunts/nope/publish", null, ORGANIZER, 403, "");
    }
}
