package io.veltrix.query.audit;

import static io.veltrix.query.ApiClient.ADMIN;
import static io.veltrix.query.ApiClient.AUDITOR;
import static io.veltrix.query.ApiClient.NOBODY;
import static io.veltrix.query.ApiClient.ORGANIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checkpoints over HTTP: taken at freeze, at end and on demand, readable by anyone, signed by the published key. */
class CheckpointApiTest extends QueryTestBase {

    private final ObjectMapper json = CanonicalJson.mapper();
    private ApiClient api;
    private HuntScenario scenario;

    @BeforeEach
    void aPlayedHunt() {
        api = new ApiClient(port);
        scenario = HuntScenario.generate(47L, 3, 2, 20);
        scenario.appendTo(events, 10);
        awaitBoardsMatchReplay(scenario.hunt);
    }

    private List<JsonNode> published() throws Exception {
        HttpResponse<String> response = api.get("/api/hunts/" + scenario.hunt.value() + "/checkpoints", NOBODY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        json.readTree(response.body()).forEach(list::add);
        return list;
    }

    private PublicKey publishedKey() throws Exception {
        HttpResponse<String> response = api.get("/api/checkpoints/key", NOBODY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode key = json.readTree(response.body());
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        PublicKey publicKey = Checkpoint.publicKey(key.get("publicKey").asText());
        assertThat(key.get("fingerprint").asText()).isEqualTo(Checkpoint.fingerprint(publicKey));
        return publicKey;
    }

    @Test
    void theFreezeAndTheEndEachLeaveOneSignedCheckpointThatAnyoneCanRead() throws Exception {
        events.append(new ScoreboardFrozen(scenario.hunt, Instant.now(), "org"));
        events.append(new ScoreboardFrozen(scenario.hunt, Instant.now(), "org"));
        events.append(new HuntEnded(scenario.hunt, "org"));
        await().atMost(PROJECTION_WAIT).until(() -> published().stream().map(c -> c.get("trigger").asText())
                .filter(t -> t.equals("end")).count() == 1);
        List<JsonNode> list = published();
        assertThat(list.stream().filter(c -> c.get("trigger").asText().equals("freeze")).count())
                .as("a second freeze takes none").isEqualTo(1);

        PublicKey key = publishedKey();
        JsonNode end = list.stream().filter(c -> c.get("trigger").asText().equals("end")).findFirst().orElseThrow();
        HttpResponse<String> whole = api.get(end.get("href").asText(), NOBODY);
        assertThat(whole.statusCode()).isEqualTo(200);
        Checkpoint checkpoint = json.readValue(whole.body(), Checkpoint.class);
        assertThat(checkpoint.verifies(key)).isTrue();
        assertThat(checkpoint.root()).isEqualTo(end.get("root").asText());
        assertThat(checkpoint.heads()).hasSize(1 + scenario.players.size())
                .anySatisfy(head -> {
                    assertThat(head.aggregateId()).isEqualTo(scenario.hunt.value());
                    assertThat(head.sequence()).as("the end is the hunt stream's last event").isEqualTo(
                            jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = :h")
                                    .param("h", scenario.hunt.value()).query(Long.class).single());
                });
    }

    @Test
    void aCheckpointCoversTheStreamsThatNamedTheHuntSinceItWasCreated() throws Exception {
        HuntScenario later = HuntScenario.generate(48L, 2, 2, 6);
        PlayerId before = PlayerId.random();
        events.append(new ClueFindRejected(before, later.hunt, later.clues.get(0), 1)); // names a hunt not created yet
        later.appendTo(events, 10);
        awaitBoardsMatchReplay(later.hunt);

        HttpResponse<String> taken = api.post("/api/audit/hunts/" + later.hunt.value() + "/checkpoints", AUDITOR);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        Checkpoint checkpoint = json.readValue(taken.body(), Checkpoint.class);
        assertThat(checkpoint.heads()).extracting(Checkpoint.Head::aggregateId)
                .hasSize(1 + later.players.size())
                .contains(later.hunt.value())
                .containsAll(later.players.stream().map(PlayerId::value).toList())
                .doesNotContain(before.value());
    }

    @Test
    void staffSeeWhoTookEachCheckpointAndThePublicDoesNot() throws Exception {
        String path = "/api/audit/hunts/" + scenario.hunt.value() + "/checkpoints";
        events.append(new ScoreboardFrozen(scenario.hunt, Instant.now(), "org"));
        await().atMost(PROJECTION_WAIT).until(() -> published().stream().anyMatch(c -> c.get("trigger").asText()
                .equals("freeze")));
        long byAuditor = json.readValue(api.post(path, AUDITOR).body(), Checkpoint.class).number();
        long byAdmin = json.readValue(api.post(path, ADMIN).body(), Checkpoint.class).number();

        HttpResponse<String> staff = api.get(path, AUDITOR);
        assertThat(staff.statusCode()).as(staff.body()).isEqualTo(200);
        List<JsonNode> listed = new ArrayList<>();
        json.readTree(staff.body()).forEach(listed::add);
        assertThat(listed).extracting(c -> c.get("number").asLong()).isSorted().contains(byAuditor, byAdmin);
        JsonNode freeze = listed.stream().filter(c -> c.get("trigger").asText().equals("freeze")).findFirst().orElseThrow();
        assertThat(freeze.get("takenBy").isNull()).as("the freeze took it, no one asked").isTrue();
        assertThat(listed).filteredOn(c -> c.get("number").asLong() == byAuditor)
                .singleElement().satisfies(c -> {
                    assertThat(c.get("takenBy").asText()).isEqualTo("auditor");
                    assertThat(c.get("trigger").asText()).isEqualTo("on-demand");
                    assertThat(c.get("href").asText()).isEqualTo("/api/hunts/" + scenario.hunt.value()
                            + "/checkpoints/" + byAuditor);
                });
        assertThat(listed).filteredOn(c -> c.get("number").asLong() == byAdmin)
                .singleElement().satisfies(c -> assertThat(c.get("takenBy").asText()).isEqualTo("admin"));
        assertThat(api.get(path, ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.get(path, ORGANIZER).statusCode()).isEqualTo(403);
        assertThat(published()).allSatisfy(c -> assertThat(c.has("takenBy")).as("staff accounts are not public").isFalse());
    }

    @Test
    void auditorsAndAdminsTakeCheckpointsOnDemand() throws Exception {
        String path = "/api/audit/hunts/" + scenario.hunt.value() + "/checkpoints";
        assertThat(api.post(path, NOBODY).statusCode()).isEqualTo(401);
        assertThat(api.post(path, ORGANIZER).statusCode()).isEqualTo(403);
        assertThat(api.post(path, ApiClient.bearer(scenario.players.get(0))).statusCode()).isEqualTo(403);
        HttpResponse<String> byAuditor = api.post(path, AUDITOR);
        assertThat(byAuditor.statusCode()).as(byAuditor.body()).isEqualTo(201);
        HttpResponse<String> byAdmin = api.post(path, ADMIN);
        assertThat(byAdmin.statusCode()).isEqualTo(201);
        Checkpoint first = json.readValue(byAuditor.body(), Checkpoint.class);
        Checkpoint second = json.readValue(byAdmin.body(), Checkpoint.class);
        assertThat(second.number()).isEqualTo(first.number() + 1);
        assertThat(second.root()).as("nothing happened in between").isEqualTo(first.root());
        assertThat(first.verifies(publishedKey())).isTrue();
        assertThat(published()).extracting(c -> c.get("number").asLong()).contains(first.number(), second.number());

        assertThat(api.post("/api/audit/hunts/" + HuntId.random() + "/checkpoints", AUDITOR).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/audit/hunts/" + HuntId.random() + "/checkpoints", AUDITOR).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/hunts/" + scenario.hunt.value() + "/checkpoints/999", NOBODY).statusCode())
                .isEqualTo(404);
    }
}
