package io.veltrix.query.hunt;

import static io.veltrix.query.ApiClient.ORGANIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.query.ApiClient;
import io.veltrix.query.QueryTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hunts whose summaries were projected before the lockout rule and hint texts were kept (here:
 * rows with those columns emptied, as such rows are) get them from their own events, drafts (so
 * the console's edit form shows them) and published hunts alike; a value already there is never
 * replaced, and a second run has nothing to do.
 */
class HuntSettingsBackfillTest extends QueryTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private HuntSettingsBackfill backfill;

    private static ClueAdded added(HuntId hunt, ClueId clue, String hint) {
        return new ClueAdded(hunt, clue, clue.value(), "riddle", 10, hint, hint == null ? 0 : 3, "salt", List.of("hash"),
                "organizer");
    }

    private static ClueId clue(HuntId hunt, String name) {
        return new ClueId(name + "-" + hunt.value().substring(0, 8));
    }

    private HuntId draftWithSettings(boolean published) {
        HuntId hunt = HuntId.random();
        ClueId lantern = clue(hunt, "lantern");
        ClueId bell = clue(hunt, "bell");
        ClueId gate = clue(hunt, "gate");
        events.append(new HuntCreated(hunt, "Old draft", null, null, null, 0, 5, 60, "organizer"),
                added(hunt, lantern, "it shines"), added(hunt, bell, "it rings"), added(hunt, gate, null),
                new HuntEdited(hunt, "Old draft", null, null, null, 0, 4, 90, "organizer"),
                new ClueEdited(hunt, bell, "bell", "riddle", 10, "it rings at noon", 3, "salt", null, "organizer"));
        if (published) {
            events.append(new HuntPublished(hunt, 3, "organizer"));
        }
        String status = published ? "PUBLISHED" : "DRAFT";
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql("""
                        SELECT count(*) FROM hunt_summary h WHERE h.hunt_id = ? AND h.status = ? AND h.clue_count = 3
                          AND h.lockout_window_seconds = 90
                          AND EXISTS (SELECT 1 FROM clue_summary c WHERE c.hunt_id = h.hunt_id AND c.hint = 'it rings at noon')""")
                .params(hunt.value(), status).query(Integer.class).single() == 1);
        return hunt;
    }

    /** The row as the projection wrote it before the columns existed. */
    private void asProjectedBeforeTheColumns(HuntId hunt) {
        jdbc.sql("UPDATE hunt_summary SET max_wrong_attempts = NULL, lockout_window_seconds = NULL WHERE hunt_id = ?")
                .param(hunt.value()).update();
        jdbc.sql("UPDATE clue_summary SET hint = NULL WHERE hunt_id = ?").param(hunt.value()).update();
    }

    private JsonNode staffView(HuntId hunt) throws Exception {
        return json.readTree(new ApiClient(port).get("/api/hunts/" + hunt.value(), ORGANIZER).body());
    }

    @Test
    void aDraftWithoutItsLockoutRuleAndHintsGetsThemFromItsEvents() throws Exception {
        HuntId hunt = draftWithSettings(false);
        asProjectedBeforeTheColumns(hunt);
        assertThat(staffView(hunt).has("maxWrongAttempts")).as("what the edit form met before").isFalse();

        assertThat(backfill.fillHuntsMissingSettings()).isGreaterThanOrEqualTo(1);

        JsonNode view = staffView(hunt);
        assertThat(view.get("maxWrongAttempts").asInt()).as("the edit's, not the creation's").isEqualTo(4);
        assertThat(view.get("lockoutWindowSeconds").asInt()).isEqualTo(90);
        JsonNode clues = view.get("clues");
        assertThat(clues.get(0).get("hint").asText()).isEqualTo("it shines");
        assertThat(clues.get(1).get("hint").asText()).isEqualTo("it rings at noon");
        assertThat(clues.get(2).has("hint")).as("a clue without a hint stays without").isFalse();
        assertThat(backfill.fillHuntsMissingSettings()).as("nothing left to fill").isZero();
    }

    @Test
    void aValueAlreadyThereIsNeverReplacedAndAPublishedHuntIsFilledToo() throws Exception {
        HuntId draft = draftWithSettings(false);
        HuntId published = draftWithSettings(true);
        asProjectedBeforeTheColumns(draft);
        asProjectedBeforeTheColumns(published);
        // as if a newer event had set these
        jdbc.sql("UPDATE hunt_summary SET max_wrong_attempts = 9 WHERE hunt_id = ?").param(draft.value()).update();
        jdbc.sql("UPDATE clue_summary SET hint = 'newer hint' WHERE hunt_id = ? AND clue_id = ?")
                .params(draft.value(), clue(draft, "lantern").value()).update();

        backfill.fillHuntsMissingSettings();

        JsonNode view = staffView(draft);
        assertThat(view.get("maxWrongAttempts").asInt()).isEqualTo(9);
        assertThat(view.get("lockoutWindowSeconds").asInt()).isEqualTo(90);
        assertThat(view.get("clues").get(0).get("hint").asText()).isEqualTo("newer hint");
        assertThat(view.get("clues").get(1).get("hint").asText()).isEqualTo("it rings at noon");
        JsonNode filled = staffView(published);
        assertThat(filled.get("maxWrongAttempts").asInt()).isEqualTo(4);
        assertThat(filled.get("lockoutWindowSeconds").asInt()).isEqualTo(90);
        assertThat(filled.get("clues").get(0).get("hint").asText()).isEqualTo("it shines");
        assertThat(filled.get("clues").get(1).get("hint").asText()).isEqualTo("it rings at noon");
    }
}
