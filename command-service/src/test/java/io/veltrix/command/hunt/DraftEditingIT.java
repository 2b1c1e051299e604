package io.veltrix.command.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A draft hunt and its clues are corrected before publishing: the players then meet the hunt as
 * edited (capacity, answers, points, hint penalty, clue set), and nothing is edited once published
 * or by an organizer of another hunt.
 */
class DraftEditingIT extends CommandServiceIT {

    private long events(String huntId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(huntId).query(Long.class).single();
    }

    private String clueEdit(String title, int points, String hint, int penalty, List<String> answers) {
        var body = JSON.createObjectNode().put("title", title).put("riddle", "Riddle of " + title).put("points", points);
        if (hint != null) {
            body.put("hint", hint).put("hintPenalty", penalty);
        }
        if (answers != null) {
            body.putArray("answers").addAll(answers.stream().map(JSON.getNodeFactory()::textNode).toList());
        }
        return body.toString();
    }

    @Test
    void playersMeetTheDraftAsItWasEditedBeforePublishing() {
        String hunt = createHunt("{\"name\":\"Typo Tonw\"}");
        String clue = addClue(hunt, "Fountian", List.of("wrong answer"), 10, null, 0);
        String mistake = addClue(hunt, "Duplicate", List.of("x"), 10, null, 0);

        var edited = post("/api/hunts/" + hunt + "/edit",
                json(Map.of("name", "Typo Town", "maxPlayers", 1, "firstFinderBonus", 4)), ORGANIZER);
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
        var clueEdited = post("/api/hunts/" + hunt + "/clues/" + clue + "/edit",
                clueEdit("Fountain", 25, "look up", 3, List.of("Right  Answer")), ORGANIZER);
        assertThat(clueEdited.status()).as(clueEdited.raw().body()).isEqualTo(200);
        assertThat(clueEdited.raw().body()).doesNotContainIgnoringCase("right");
        assertThat(post("/api/hunts/" + hunt + "/clues/" + mistake + "/remove", null, ORGANIZER).status()).isEqualTo(200);

        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, unique("first")).get("token").asText();
        var full = post("/api/hunts/" + hunt + "/players", json(Map.of("handle", unique("second"))), null);
        assertThat(full.status()).as("the edited capacity of one").isEqualTo(409);

        assertThat(find(hunt, token, mistake, "x").status()).as("a removed clue is no clue").isIn(404, 409);
        assertThat(find(hunt, token, clue, "wrong answer").json().get("outcome").asText()).isEqualTo("WRONG");
        var found = find(hunt, token, clue, "right answer");
        assertThat(found.json().get("outcome").asText()).isEqualTo("FOUND");
        assertThat(found.json().get("points").asInt()).isEqualTo(25);
        var hint = post("/api/hunts/" + hunt + "/hints/" + clue, null, bearer(token));
        assertThat(hint.json().get("hint").asText()).isEqualTo("look up");
        assertThat(hint.json().get("penalty").asInt()).isEqualTo(3);

        String payloads = jdbc.sql("SELECT string_agg(convert_from(payload, 'UTF8'), ' ') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?").param(hunt).query(String.class).single();
        assertThat(payloads).contains("Typo Town", "\"points\":25").doesNotContainIgnoringCase("right answer");
    }

    @Test
    void aClueEditWithoutAnswersKeepsTheAcceptedOnes() {
        String hunt = createHunt("{\"name\":\"Kept answers\"}");
        String clue = addClue(hunt, "Bell", List.of("bronze"), 10, null, 0);
        assertThat(post("/api/hunts/" + hunt + "/clues/" + clue + "/edit", clueEdit("Bell tower", 12, null, 0, null),
                ORGANIZER).status()).isEqualTo(200);
        transition(hunt, "publish");
        transition(hunt, "start");
        String token = register(hunt, unique("ringer")).get("token").asText();
        var found = find(hunt, token, clue, "Bronze");
        assertThat(found.json().get("outcome").asText()).isEqualTo("FOUND");
        assertThat(found.json().get("points").asInt()).isEqualTo(12);
    }

    @Test
    void nothingIsEditedOncePublishedNorByAnotherHuntsOrganizerNorFromBadInput() {
        String hunt = createHunt("{\"name\":\"Guarded\"}");
        String clue = addClue(hunt, "Gate", List.of("open"), 10, null, 0);
        String stranger = openOrganizerAccount(unique("stranger"));
        String settings = json(Map.of("name", "Hijacked"));
        String clueBody = clueEdit("Hijacked", 5, null, 0, null);
        long before = events(hunt);

        assertThat(post("/api/hunts/" + hunt + "/edit", settings, stranger).status()).isEqualTo(403);
        assertThat(post("/api/hunts/" + hunt + "/clues/" + clue + "/edit", clueBody, stranger).status()).isEqualTo(403);
        assertThat(post("/api/hunts/" + hunt + "/clues/" + clue + "/remove", null, stranger).status()).isEqualTo(403);
        assertThat(post("/api/hunts/" + hunt + "/clues/no-such-clue/edit", clueBody, ORGANIZER).status()).isEqualTo(404);
        assertThat(post("/api/hunts/" + hunt + "/clues/no-such-clue/remove", null, ORGANIZER).status()).isEqualTo(404);
        for (String bad : List.of("{\"name\":\"\"}", "{\"name\":\"x\",\"teamSize\":4}", "{\"name\":\"x\",\"maxPlayers\":0}",
                "{\"name\":\"x\",\"startsAt\":\"2030-01-02T00:00:00Z\",\"endsAt\":\"2030-01-01T00:00:00Z\"}")) {
            var refused = post("/api/hunts/" + hunt + "/edit", bad, ORGANIZER);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        for (String bad : List.of(clueEdit("t", 0, null, 0, null), "{\"title\":\"t\",\"riddle\":\"r\",\"points\":5,\"hintPenalty\":2}",
                clueEdit("t", 5, null, 0, List.of()), clueEdit("t", 5, null, 0, List.of("  ")),
                "{\"title\":\"t\",\"riddle\":\"r\"}")) {
            assertThat(post("/api/hunts/" + hunt + "/clues/" + clue + "/edit", bad, ORGANIZER).status()).as(bad)
                    .isEqualTo(400);
        }
        assertThat(events(hunt)).isEqualTo(before);

        transition(hunt, "publish");
        long published = events(hunt);
        for (var refused : List.of(post("/api/hunts/" + hunt + "/edit", settings, ORGANIZER),
                post("/api/hunts/" + hunt + "/clues/" + clue + "/edit", clueBody, ORGANIZER),
                post("/api/hunts/" + hunt + "/clues/" + clue + "/remove", null, ORGANIZER))) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("type").asText()).endsWith("/hunt-not-draft");
        }
        assertThat(events(hunt)).isEqualTo(published);
    }
}
