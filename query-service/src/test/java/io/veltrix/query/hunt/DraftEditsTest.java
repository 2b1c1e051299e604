package io.veltrix.query.hunt;

import static io.veltrix.query.ApiClient.AUDITOR;
import static io.veltrix.query.ApiClient.ORGANIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A draft edited before publishing reads as edited everywhere: the hunt view, its clues, the board and the audit. */
class DraftEditsTest extends QueryTestBase {

    private final ObjectMapper json = new ObjectMapper();
    private ApiClient api;
    private final HuntId hunt = HuntId.random();
    private final ClueId first = clue("first");
    private final ClueId mistake = clue("mistake");
    private final ClueId last = clue("last");

    private ClueId clue(String name) {
        return new ClueId(name + "-" + hunt.value().substring(0, 8));
    }

    private ClueAdded added(ClueId clue, String title, int points) {
        return new ClueAdded(hunt, clue, title, "riddle of " + title, points, "a hint", 2, "salt", List.of("hash"),
                "organizer");
    }

    @BeforeEach
    void anEditedDraft() {
        api = new ApiClient(port);
        Instant start = Instant.parse("2030-06-01T10:00:00Z");
        events.append(new HuntCreated(hunt, "Draft with typos", null, null, null, 0, 5, 60, "organizer"),
                added(first, "Fountian", 10), added(mistake, "Mistake", 10),
                new HuntEdited(hunt, "Old Town", start, start.plus(2, ChronoUnit.HOURS), 50, 20, 3, 30, "organizer"),
                new ClueEdited(hunt, first, "Fountain", "where water sings", 40, null, 0, "salt2", List.of("hash2"),
                        "organizer"),
                new ClueRemoved(hunt, mistake, "organizer"),
                added(last, "Bell", 15));
    }

    private JsonNode staffView() throws Exception {
        return json.readTree(api.get("/api/hunts/" + hunt.value(), ORGANIZER).body());
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    @Test
    void theHuntAndItsCluesReadAsEdited() throws Exception {
        await().atMost(PROJECTION_WAIT).until(() -> staffView().path("clueCount").asInt() == 2
                && staffView().path("clues").size() == 2);
        JsonNode view = staffView();
        assertThat(view.get("name").asText()).isEqualTo("Old Town");
        assertThat(view.get("maxPlayers").asInt()).isEqualTo(50);
        assertThat(view.get("firstFinderBonus").asInt()).isEqualTo(20);
        assertThat(Instant.parse(view.get("startsAt").asText())).isEqualTo(Instant.parse("2030-06-01T10:00:00Z"));
        assertThat(Instant.parse(view.get("endsAt").asText())).isEqualTo(Instant.parse("2030-06-01T12:00:00Z"));
        JsonNode clues = view.get("clues");
        assertThat(texts(clues, "clueId")).containsExactly(first.value(), last.value());
        assertThat(texts(clues, "title")).containsExactly("Fountain", "Bell");
        assertThat(clues.get(0).get("riddle").asText()).isEqualTo("where water sings");
        assertThat(clues.get(0).get("points").asInt()).isEqualTo(40);
        assertThat(clues.get(0).get("hasHint").asBoolean()).isFalse();
        assertThat(clues.get(0).get("hintPenalty").asInt()).isZero();
        assertThat(clues.get(1).get("hasHint").asBoolean()).isTrue();
        assertThat(view.get("maxWrongAttempts").asInt()).isEqualTo(3);
        assertThat(view.get("lockoutWindowSeconds").asInt()).isEqualTo(30);
        assertThat(clues.get(0).has("hint")).as("the edit took the hint away").isFalse();
        assertThat(clues.get(1).get("hint").asText()).as("staff read a hint to correct it").isEqualTo("a hint");
        assertThat(view.toString()).doesNotContain("hash2", "salt2");

        // a clue added after a removal goes after the last one, not onto the removed one's place
        ClueId later = clue("later");
        events.append(added(later, "Later", 5));
        await().atMost(PROJECTION_WAIT).until(() -> staffView().path("clues").size() == 3);
        assertThat(texts(staffView().get("clues"), "clueId")).containsExactly(first.value(), last.value(), later.value());
    }

    @Test
    void theEditedBonusScoresOnTheBoardAndInTheAudit() throws Exception {
        PlayerId player = PlayerId.random();
        events.append(new HuntPublished(hunt, 2, "organizer"),
                new PlayerRegistered(player, hunt, "finder", PlayerTokens.hash(HuntScenario.token(player))),
                new HuntStarted(hunt, "organizer"));
        events.append(new ClueFound(player, hunt, first, 40), new HintTaken(player, hunt, last, 2));
        awaitBoardsMatchReplay(hunt);
        // the hunt summary is another projection: it may come after the boards
        await().atMost(PROJECTION_WAIT).until(() -> api.get("/api/hunts/" + hunt.value()).statusCode() == 200);
        String publicView = api.get("/api/hunts/" + hunt.value()).body();
        assertThat(publicView).contains("\"maxWrongAttempts\":3").doesNotContain("a hint");

        JsonNode board = json.readTree(api.get("/api/hunts/" + hunt.value() + "/leaderboard").body());
        assertThat(board.get(0).get("score").asInt()).as("40 points, the edited bonus of 20, a hint of 2").isEqualTo(58);

        JsonNode report = json.readTree(api.get("/api/audit/hunts/" + hunt.value() + "/verify", AUDITOR).body());
        assertThat(report.get("chainsIntact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("boardMatchesReplay").asBoolean()).as(report.toString()).isTrue();
        JsonNode asOf = json.readTree(api.get("/api/audit/hunts/" + hunt.value() + "/leaderboard?asOf="
                + Instant.now().plusSeconds(60), AUDITOR).body());
        assertThat(asOf.toString()).contains("\"score\":58");
    }
}
