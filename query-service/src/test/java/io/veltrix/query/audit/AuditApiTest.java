package io.veltrix.query.audit;

import static io.veltrix.query.ApiClient.ADMIN;
import static io.veltrix.query.ApiClient.AUDITOR;
import static io.veltrix.query.ApiClient.NOBODY;
import static io.veltrix.query.ApiClient.ORGANIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.BrokenLink;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.ExportCheck;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.audit.StoredEvent;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.leaderboard.BoardLine;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit endpoints over real HTTP against the embedded PostgreSQL, tampering included. */
class AuditApiTest extends QueryTestBase {

    private final ObjectMapper json = CanonicalJson.mapper();
    private ApiClient api;
    private HuntScenario scenario;
    private int eventCount;

    @BeforeEach
    void aPlayedHunt() throws Exception {
        api = new ApiClient(port);
        scenario = HuntScenario.generate(11L, 6, 4, 120);
        scenario.appendTo(events, 25);
        eventCount = scenario.setup.size() + scenario.play.size();
        awaitBoardsMatchReplay(scenario.hunt);
        await().atMost(PROJECTION_WAIT).until(() -> allEvents().size() == eventCount);
    }

    @AfterEach
    void storeRefusesChangesAgain() {
        StoreTampering.forbid(superuser);
    }

    private String base() {
        return "/api/audit/hunts/" + scenario.hunt.value();
    }

    private List<JsonNode> allEvents() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            HttpResponse<String> page = api.get(base() + "/events?limit=50&afterIndex=" + after, AUDITOR);
            if (page.statusCode() == 404) {
                return all;
            }
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode lines = json.readTree(page.body());
            lines.forEach(all::add);
            if (lines.size() < 50) {
                return all;
            }
            after = lines.get(lines.size() - 1).get("index").asLong();
        }
    }

    @Test
    void eventsComeInGlobalOrderWithTheirStreamHashesAndNoSecrets() throws Exception {
        List<JsonNode> all = allEvents();
        assertThat(all).extracting(e -> e.get("index").asLong()).isSorted().doesNotHaveDuplicates();
        JsonNode first = all.get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("index", "timestamp", "type", "version", "aggregateId", "sequence", "payload", "metaData",
                        "hash");
        assertThat(first.get("type").asText()).isEqualTo("io.veltrix.api.hunt.HuntCreated");
        assertThat(first.get("version").asText()).isEqualTo(HuntCreated.REVISION);
        assertThat(first.get("sequence").asLong()).isZero();
        StoredEvent stored = json.treeToValue(first, StoredEvent.class);
        assertThat(stored.chainVersion()).isEqualTo(HashChain.CURRENT_VERSION);
        assertThat(first.get("metaData").get(HashChain.METADATA_KEY).asText()).isEqualTo(first.get("hash").asText());
        assertThat(first.get("hash").asText())
                .isEqualTo(HashChain.next(HashChain.GENESIS, stored.covered(stored.payloadBytes())));
        String everything = all.toString();
        for (var player : scenario.players) {
            assertThat(everything).doesNotContain(HuntScenario.token(player));
        }
        List<JsonNode> page = new ArrayList<>();
        json.readTree(api.get(base() + "/events?limit=3&afterIndex=" + all.get(4).get("index").asLong(), AUDITOR)
                .body()).forEach(page::add);
        assertThat(page).containsExactlyElementsOf(all.subList(5, 8));
    }

    @Test
    void onlyAuditorsAndAdminsReadTheTrail() throws Exception {
        for (String path : List.of("/events", "/leaderboard?asOf=2026-01-01T00:00:00Z", "/verify", "/export")) {
            assertThat(api.get(base() + path, NOBODY).statusCode()).as(path).isEqualTo(401);
            assertThat(api.get(base() + path, ORGANIZER).statusCode()).as(path).isEqualTo(403);
            assertThat(api.get(base() + path, ApiClient.bearer(scenario.players.get(0))).statusCode()).as(path)
                    .isEqualTo(403);
            assertThat(api.get(base() + path, ADMIN).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> unknown = api.get("/api/audit/hunts/" + HuntId.random() + "/events", AUDITOR);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void theBoardAsOfAnInstantIsTheFoldOfTheEventsRecordedUntilThen() throws Exception {
        List<IndexedEvent> stored = events.read(scenario.hunt);
        Instant asOf = stored.get(stored.size() / 2).timestamp();
        Scoreboard expected = new Scoreboard(scenario.hunt);
        stored.stream().filter(e -> !e.timestamp().isAfter(asOf)).forEach(expected::apply);

        HttpResponse<String> response = api.get(base() + "/leaderboard?asOf=" + asOf, AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        List<BoardLine> board = json.convertValue(body.get("board"),
                json.getTypeFactory().constructCollectionType(List.class, BoardLine.class));
        assertThat(board).isEqualTo(asLines(expected.live()));
        assertThat(body.get("eventsApplied").asLong())
                .isEqualTo(stored.stream().filter(e -> !e.timestamp().isAfter(asOf)).count());
        // an instant before the hunt: nobody on the board yet
        assertThat(json.readTree(api.get(base() + "/leaderboard?asOf=2000-01-01T00:00:00Z", AUDITOR).body())
                .get("board")).isEmpty();
    }

    @Test
    void aBadAsOfIsAProblem() throws Exception {
        for (String asOf : List.of("?asOf=yesterday", "?asOf=2026-13-01T00:00:00Z", "")) {
            HttpResponse<String> response = api.get(base() + "/leaderboard" + asOf, AUDITOR);
            assertThat(response.statusCode()).as(asOf).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void anUntouchedHuntVerifies() throws Exception {
        JsonNode report = verify();
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(eventCount);
        assertThat(report.get("chainsIntact").asBoolean()).isTrue();
        assertThat(report.get("boardMatchesReplay").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("brokenLinks")).isEmpty();
        assertThat(report.get("differences")).isEmpty();
    }

    @Test
    void verifyNamesAPayloadEditedInTheDatabase() throws Exception {
        JsonNode find = allEvents().stream()
                .filter(e -> e.get("type").asText().endsWith(".ClueFound")).findFirst().orElseThrow();
        int points = find.get("payload").get("points").asInt();
        StoreTampering.allow(superuser);
        int edited = superuser.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), :from, :to), 'UTF8')
                        WHERE global_index = :index""")
                .param("from", "\"points\":" + points + ",").param("to", "\"points\":" + (points + 1000) + ",")
                .param("index", find.get("index").asLong()).update();
        assertThat(edited).isOne();

        JsonNode report = verify();
        assertThat(report.get("chainsIntact").asBoolean()).isFalse();
        assertThat(report.get("brokenLinks")).hasSize(1);
        BrokenLink link = json.treeToValue(report.get("brokenLinks").get(0), BrokenLink.class);
        assertThat(link.aggregateId()).isEqualTo(find.get("aggregateId").asText());
        assertThat(link.sequence()).isEqualTo(find.get("sequence").asLong());
        assertThat(link.index()).isEqualTo(find.get("index").asLong());
        assertThat(link.found()).isEqualTo(find.get("hash").asText());
        assertThat(link.expected()).isNotEqualTo(link.found());
        // the replay now counts the forged points, the projection never saw them
        assertThat(report.get("boardMatchesReplay").asBoolean()).isFalse();
        assertThat(report.get("differences")).isNotEmpty();
    }

    @Test
    void verifyNamesARowOverwrittenWithSomethingThatIsNoEvent() throws Exception {
        JsonNode registration = allEvents().stream()
                .filter(e -> e.get("type").asText().endsWith(".PlayerRegistered")).findFirst().orElseThrow();
        long index = registration.get("index").asLong();
        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = :index")
                .param("index", index).query(byte[].class).single();
        StoreTampering.allow(superuser);
        superuser.sql("UPDATE domain_event_entry SET payload = :junk WHERE global_index = :index")
                .param("junk", "not json".getBytes()).param("index", index).update();
        try {
            JsonNode report = verify();
            assertThat(report.get("eventsChecked").asLong()).isEqualTo(eventCount);
            assertThat(report.get("brokenLinks")).singleElement()
                    .satisfies(link -> assertThat(link.get("index").asLong()).isEqualTo(index));
        } finally {
            // the other tests of this JVM read the whole store through Axon, which cannot read junk
            superuser.sql("UPDATE domain_event_entry SET payload = :original WHERE global_index = :index")
                    .param("original", original).param("index", index).update();
        }
    }

    @Test
    void verifyNamesTheBreakWhereAnEventWasDeleted() throws Exception {
        List<JsonNode> all = allEvents();
        String player = scenario.players.get(0).value();
        List<JsonNode> stream = all.stream().filter(e -> e.get("aggregateId").asText().equals(player)).toList();
        assertThat(stream.size()).isGreaterThan(3);
        JsonNode gone = stream.get(stream.size() / 2);
        StoreTampering.allow(superuser);
        superuser.sql("DELETE FROM domain_event_entry WHERE global_index = :index")
                .param("index", gone.get("index").asLong()).update();

        JsonNode report = verify();
        assertThat(report.get("chainsIntact").asBoolean()).isFalse();
        assertThat(report.get("eventsChecked").asLong()).isEqualTo(eventCount - 1);
        assertThat(report.get("brokenLinks")).hasSize(1);
        JsonNode link = report.get("brokenLinks").get(0);
        JsonNode next = stream.get(stream.size() / 2 + 1);
        assertThat(link.get("aggregateId").asText()).isEqualTo(player);
        assertThat(link.get("sequence").asLong()).isEqualTo(gone.get("sequence").asLong() + 1);
        assertThat(link.get("index").asLong()).isEqualTo(next.get("index").asLong());
        assertThat(link.get("reason").asText()).contains("missing");
    }

    @Test
    void theExportHoldsEveryEventAndVerifiesOffline() throws Exception {
        HttpResponse<String> checkpoint = api.post(base() + "/checkpoints", AUDITOR);
        assertThat(checkpoint.statusCode()).as(checkpoint.body()).isEqualTo(201);
        String taken = json.readTree(checkpoint.body()).get("root").asText();
        HttpResponse<String> export = api.get(base() + "/export", AUDITOR);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-ndjson"));
        List<String> checkpointLines = export.body().lines()
                .takeWhile(line -> line.startsWith("{\"" + ExportCheck.CHECKPOINT_LINE + "\"")).toList();
        assertThat(checkpointLines).as("checkpoints come first").anySatisfy(line -> assertThat(line).contains(taken));
        List<String> lines = export.body().lines().skip(checkpointLines.size()).toList();
        List<JsonNode> all = allEvents();
        assertThat(lines).hasSize(eventCount);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(json.readTree(lines.get(i))).isEqualTo(all.get(i));
        }

        var offline = ExportCheck.check(new StringReader(export.body()));
        assertThat(offline.intact()).isTrue();
        assertThat(offline.chains().eventsChecked()).isEqualTo(eventCount);
        assertThat(offline.boards().get(scenario.hunt).live()).isEqualTo(fold(scenario.hunt).live());

        String tampered = export.body().replaceFirst("\"handle\":\"player1\"", "\"handle\":\"mallory\"");
        assertThat(tampered).isNotEqualTo(export.body());
        var forged = ExportCheck.check(new StringReader(tampered));
        assertThat(forged.chains().intact()).isFalse();
        assertThat(forged.chains().brokenLinks()).singleElement()
                .satisfies(l -> assertThat(l.aggregateId()).isEqualTo(scenario.players.get(1).value()));
    }

    private JsonNode verify() throws Exception {
        HttpResponse<String> response = api.get(base() + "/verify", AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
