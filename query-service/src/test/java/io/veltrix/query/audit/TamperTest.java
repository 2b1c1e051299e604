package io.veltrix.query.audit;

import static io.veltrix.query.ApiClient.AUDITOR;
import static io.veltrix.query.ApiClient.NOBODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veltrix.api.audit.BrokenLink;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.audit.ExportCheck;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.audit.StoredEvent;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tamper suite: a played hunt with a checkpoint saved, then a database user's change to one
 * stored event, of each field (payload, metadata, timestamp, index, type and revision, aggregate,
 * sequence), and deletions, insertions, a cut-off tail and a recomputed stream. Each must be found
 * by the service's {@code verify} and by the offline check of the export (the verifier's code).
 */
class TamperTest extends QueryTestBase {

    private final ObjectMapper json = CanonicalJson.mapper();
    private ApiClient api;
    private HuntScenario scenario;
    private String player;
    private String forgedStream;
    private Checkpoint saved;
    private PublicKey publishedKey;
    private List<Map<String, Object>> snapshot;

    /** A change to the stored rows of {@link #player}'s stream (or the hunt's). */
    @FunctionalInterface
    interface Tamper {
        void apply(TamperTest test) throws Exception;
    }

    @BeforeEach
    void aPlayedHuntWithASavedCheckpoint() throws Exception {
        api = new ApiClient(port);
        scenario = HuntScenario.generate(31L, 4, 3, 80);
        scenario.appendTo(events, 20);
        awaitBoardsMatchReplay(scenario.hunt);
        player = scenario.players.stream()
                .max(Comparator.comparingLong(p -> streamLength(p.value())))
                .orElseThrow().value();
        assertThat(streamLength(player)).isGreaterThan(4);
        forgedStream = UUID.randomUUID().toString();
        JsonNode untouched = verify();
        assertThat(untouched.get("chainsIntact").asBoolean()).as(untouched.toString()).isTrue();

        HttpResponse<String> taken = api.post(base() + "/checkpoints", AUDITOR);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        // what a spectator keeps: the public copy, checked against the published key
        JsonNode summary = json.readTree(api.get("/api/hunts/" + scenario.hunt.value() + "/checkpoints", NOBODY).body());
        String href = summary.get(summary.size() - 1).get("href").asText();
        saved = json.readValue(api.get(href, NOBODY).body(), Checkpoint.class);
        publishedKey = Checkpoint.publicKey(json.readTree(api.get("/api/checkpoints/key", NOBODY).body())
                .get("publicKey").asText());
        assertThat(saved.verifies(publishedKey)).isTrue();
        assertThat(saved.root()).isEqualTo(json.readTree(taken.body()).get("root").asText());
        var offline = offline(true);
        assertThat(offline.intact()).as(offline.chains().brokenLinks().toString()).isTrue();

        snapshot = jdbc.sql("SELECT * FROM domain_event_entry WHERE aggregate_identifier IN (:streams)")
                .param("streams", streams()).query().listOfRows();
        StoreTampering.allow(superuser);
    }

    /** Puts the hunt's rows back as they were: other tests of this JVM read the whole store. */
    @AfterEach
    void restore() {
        List<String> streams = new ArrayList<>(streams());
        streams.add(forgedStream);
        superuser.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier IN (:streams)")
                .param("streams", streams).update();
        for (Map<String, Object> row : snapshot) {
            superuser.sql("""
                            INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                                sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)
                            VALUES (:global_index, :event_identifier, :aggregate_identifier, :sequence_number, :type,
                                :time_stamp, :payload_type, :payload_revision, :payload, :meta_data)""")
                    .params(row).update();
        }
        StoreTampering.forbid(superuser);
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                chain("payload edited", t -> t.update("payload = convert_to(jsonb_set(convert_from(payload, 'UTF8')::jsonb,"
                        + " '{clueId}', '\"forged\"')::text, 'UTF8')")),
                chain("payload field deleted", t -> t.update("payload = convert_to((convert_from(payload, 'UTF8')::jsonb"
                        + " - 'clueId')::text, 'UTF8')")),
                chain("payload field added", t -> t.update("payload = convert_to((convert_from(payload, 'UTF8')::jsonb"
                        + " || '{\"bonus\": 100}')::text, 'UTF8')")),
                chain("metadata hash edited", t -> t.update("meta_data = convert_to(jsonb_set(convert_from(meta_data,"
                        + " 'UTF8')::jsonb, '{hash}', to_jsonb(md5('x') || md5('y')))::text, 'UTF8')")),
                chain("metadata hash deleted", t -> t.update("meta_data = convert_to((convert_from(meta_data, 'UTF8')::jsonb"
                        + " - 'hash')::text, 'UTF8')")),
                chain("metadata chain version deleted", t -> t.update("meta_data = convert_to((convert_from(meta_data,"
                        + " 'UTF8')::jsonb - 'chain')::text, 'UTF8')")),
                chain("metadata field added", t -> t.update("meta_data = convert_to((convert_from(meta_data, 'UTF8')::jsonb"
                        + " || '{\"traceId\": \"x\"}')::text, 'UTF8')")),
                chain("timestamp moved back an hour", t -> t.update("time_stamp = to_char((time_stamp::timestamptz"
                        + " - interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")),
                chain("timestamp moved a millisecond", t -> t.update("time_stamp = to_char((time_stamp::timestamptz"
                        + " + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")),
                chain("index moved before everything", t -> t.update("global_index = -global_index")),
                chain("indexes of two streams swapped", TamperTest::swapWithAnotherStream),
                chain("type edited", t -> t.update("payload_type = 'io.veltrix.api.find.ClueFindRepeated'")),
                chain("revision edited", t -> t.update("payload_revision = '9'")),
                chain("revision deleted", t -> t.update("payload_revision = NULL")),
                chain("aggregate edited", t -> t.update("aggregate_identifier = '" + t.forgedStream + "'")),
                chain("sequence edited", t -> t.update("sequence_number = sequence_number + 1000")),
                chain("event deleted", t -> t.superuser.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :p"
                        + " AND sequence_number = 1").param("p", t.player).update()),
                chain("event inserted mid-stream", TamperTest::insertMidStream),
                chain("event appended with a copied hash", TamperTest::appendWithCopiedHash),
                chain("event moved to another stream", TamperTest::moveToAnotherStream),
                checkpoint("tail cut off", t -> t.superuser.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :p"
                        + " AND sequence_number > (SELECT max(sequence_number) - 2 FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :p)").param("p", t.player).update()),
                checkpoint("stream recomputed", TamperTest::recomputeWithMorePoints));
    }

    private static Arguments chain(String name, Tamper tamper) {
        return Arguments.of(name, tamper, true);
    }

    private static Arguments checkpoint(String name, Tamper tamper) {
        return Arguments.of(name, tamper, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void isFoundByVerifyAndOffline(String name, Tamper tamper, boolean chainShowsIt) throws Exception {
        tamper.apply(this);

        JsonNode report = verify();
        assertThat(report.get("chainsIntact").asBoolean()).as(report.toString()).isFalse();
        List<BrokenLink> links = json.convertValue(report.get("brokenLinks"),
                json.getTypeFactory().constructCollectionType(List.class, BrokenLink.class));
        assertThat(links).extracting(BrokenLink::aggregateId).containsAnyOf(player, forgedStream, scenario.hunt.value());

        var offline = offline(true);
        assertThat(offline.intact()).as("offline with the saved checkpoint").isFalse();
        if (chainShowsIt) {
            var chainsAlone = offline(false);
            assertThat(chainsAlone.chains().intact()).as("the chains alone, no checkpoint").isFalse();
        } else {
            assertThat(offline(false).chains().intact()).as("only a checkpoint can show this").isTrue();
            assertThat(offline.chains().brokenLinks()).anySatisfy(link -> assertThat(link.reason()).contains("since checkpoint"));
        }
    }

    @Test
    void verifyReadsTheEventStoreNotTheAuditIndex() throws Exception {
        int events = verify().get("eventsChecked").asInt();
        // the index is rebuilt from events, so a database user may empty it too
        jdbc.sql("DELETE FROM audit_event WHERE global_index IN (SELECT global_index FROM domain_event_entry"
                + " WHERE aggregate_identifier = :p)").param("p", player).update();
        update("payload = convert_to((convert_from(payload, 'UTF8')::jsonb || '{\"bonus\": 100}')::text, 'UTF8')");
        JsonNode report = verify();
        assertThat(report.get("eventsChecked").asInt()).isEqualTo(events);
        assertThat(report.get("brokenLinks")).singleElement()
                .satisfies(link -> assertThat(link.get("aggregateId").asText()).isEqualTo(player));
        assertThat(offline(false).chains().brokenLinks()).singleElement()
                .satisfies(link -> assertThat(link.aggregateId()).isEqualTo(player));
    }

    @Test
    void aRecomputedStreamWithItsCheckpointsDeletedIsFoundByTheSavedCopy() throws Exception {
        recomputeWithMorePoints();
        jdbc.sql("DELETE FROM hunt_checkpoint WHERE hunt_id = :hunt").param("hunt", scenario.hunt.value()).update();
        // the service itself has nothing left to compare with; whoever kept the checkpoint has
        assertThat(verify().get("chainsIntact").asBoolean()).isTrue();
        var offline = offline(true);
        assertThat(offline.intact()).isFalse();
        assertThat(offline.chains().brokenLinks()).singleElement().satisfies(link -> {
            assertThat(link.aggregateId()).isEqualTo(player);
            assertThat(link.reason()).contains("event rewritten since checkpoint " + saved.number());
        });
    }

    @Test
    void aCheckpointForgedInTheDatabaseDoesNotHold() throws Exception {
        recomputeWithMorePoints();
        // the forger signs the rewritten heads, with a key of their own since the service's is not in the database
        KeyPair forger = KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
        Checkpoint forged = Checkpoint.sign(saved.huntId(), saved.number(), saved.trigger(), saved.takenAt(),
                currentHeads(), forger.getPrivate(), forger.getPublic());
        assertThat(forged.verifies(forger.getPublic())).isTrue();
        jdbc.sql("UPDATE hunt_checkpoint SET document = :document WHERE hunt_id = :hunt")
                .param("document", json.writeValueAsBytes(forged)).param("hunt", scenario.hunt.value()).update();
        JsonNode report = verify();
        assertThat(report.get("checkpointsHold").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("checkpoints")).allSatisfy(c -> assertThat(c.get("signatureValid").asBoolean()).isFalse());
        assertThat(offline(true).intact()).isFalse();
    }

    // ---------------------------------------------------------------- the changes

    /** One UPDATE of the player's event at sequence 1. */
    private void update(String set) {
        int changed = superuser.sql("UPDATE domain_event_entry SET " + set
                + " WHERE aggregate_identifier = :p AND sequence_number = 1").param("p", player).update();
        assertThat(changed).isOne();
    }

    private void swapWithAnotherStream() {
        long mine = index(player, 1);
        String other = scenario.players.stream().map(PlayerId::value).filter(p -> !p.equals(player)).findFirst().orElseThrow();
        long theirs = index(other, 1);
        superuser.sql("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = :i").param("i", mine).update();
        superuser.sql("UPDATE domain_event_entry SET global_index = :mine WHERE global_index = :theirs")
                .param("mine", mine).param("theirs", theirs).update();
        superuser.sql("UPDATE domain_event_entry SET global_index = :theirs WHERE global_index = -1").param("theirs", theirs).update();
    }

    private void insertMidStream() {
        superuser.sql("UPDATE domain_event_entry SET sequence_number = sequence_number + 100000 WHERE aggregate_identifier = :p"
                + " AND sequence_number >= 1").param("p", player).update();
        superuser.sql("UPDATE domain_event_entry SET sequence_number = sequence_number - 99999 WHERE aggregate_identifier = :p"
                + " AND sequence_number >= 100000").param("p", player).update();
        copyOf(2, 1);
    }

    private void appendWithCopiedHash() {
        long last = streamLength(player) - 1;
        copyOf(last, last + 1);
    }

    private void moveToAnotherStream() {
        String other = scenario.players.stream().map(PlayerId::value).filter(p -> !p.equals(player)).findFirst().orElseThrow();
        superuser.sql("UPDATE domain_event_entry SET aggregate_identifier = :other, sequence_number = :next"
                        + " WHERE aggregate_identifier = :p AND sequence_number = 1")
                .param("other", other).param("next", streamLength(other)).param("p", player).update();
    }

    /** A copy of the player's event at {@code from}, stored at {@code sequence} with the next index. */
    private void copyOf(long from, long sequence) {
        superuser.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        SELECT :id, aggregate_identifier, :sequence, type, time_stamp, payload_type,
                            payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = :p AND sequence_number = :from""")
                .param("id", UUID.randomUUID().toString()).param("sequence", sequence)
                .param("p", player).param("from", from).update();
    }

    /**
     * What a database user who knows the algorithm does: a payload edited and every later link of
     * the stream hashed again, so each link holds.
     */
    private void recomputeWithMorePoints() throws Exception {
        List<StoredEvent> stream = stored(player);
        String previous = HashChain.GENESIS;
        for (StoredEvent event : stream) {
            ObjectNode payload = (ObjectNode) event.payload();
            if (event.sequence() == 1) {
                payload = payload.deepCopy().put("forged", true);
            }
            byte[] bytes = CanonicalJson.canonicalBytes(payload);
            StoredEvent edited = new StoredEvent(event.index(), event.timestamp(), event.type(), event.version(),
                    event.aggregateId(), event.sequence(), payload, event.metaData(), null);
            String hash = HashChain.next(previous, edited.covered(bytes));
            ObjectNode metaData = ((ObjectNode) event.metaData()).deepCopy().put(HashChain.METADATA_KEY, hash);
            superuser.sql("UPDATE domain_event_entry SET payload = :payload, meta_data = :meta WHERE global_index = :i")
                    .param("payload", bytes).param("meta", CanonicalJson.canonicalBytes(metaData))
                    .param("i", event.index()).update();
            previous = hash;
        }
        var chainsAlone = offline(false);
        assertThat(chainsAlone.chains().intact()).as("the recomputed chain holds on its own").isTrue();
    }

    // ---------------------------------------------------------------- reading

    private List<Checkpoint.Head> currentHeads() {
        return streams().stream().map(this::stored).filter(s -> !s.isEmpty()).map(s -> s.get(s.size() - 1))
                .map(e -> new Checkpoint.Head(e.aggregateId(), e.sequence(), e.hash())).toList();
    }

    private List<StoredEvent> stored(String aggregate) {
        return jdbc.sql("""
                        SELECT global_index, time_stamp, payload_type, payload_revision, sequence_number, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = :p ORDER BY sequence_number""")
                .param("p", aggregate).query((rs, n) -> {
                    try {
                        JsonNode metaData = json.readTree(rs.getBytes(7));
                        return new StoredEvent(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3),
                                rs.getString(4), aggregate, rs.getLong(5), json.readTree(rs.getBytes(6)), metaData,
                                metaData.get(HashChain.METADATA_KEY).asText());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).list();
    }

    private List<String> streams() {
        List<String> streams = scenario.players.stream().map(PlayerId::value).collect(Collectors.toCollection(ArrayList::new));
        streams.add(scenario.hunt.value());
        return streams;
    }

    private long streamLength(String aggregate) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :p")
                .param("p", aggregate).query(Long.class).single();
    }

    private long index(String aggregate, long sequence) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :p AND sequence_number = :s")
                .param("p", aggregate).param("s", sequence).query(Long.class).single();
    }

    private String base() {
        return "/api/audit/hunts/" + scenario.hunt.value();
    }

    private JsonNode verify() throws Exception {
        HttpResponse<String> response = api.get(base() + "/verify", AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The offline verifier's check of the export: with the saved checkpoint and the published key, or the chains alone. */
    private ExportCheck.Result offline(boolean withCheckpoints) throws Exception {
        HttpResponse<String> export = api.get(base() + "/export", AUDITOR);
        assertThat(export.statusCode()).isEqualTo(200);
        String body = export.body();
        if (!withCheckpoints) {
            body = body.lines().filter(line -> !line.startsWith("{\"" + ExportCheck.CHECKPOINT_LINE + "\""))
                    .collect(Collectors.joining("\n"));
        }
        return ExportCheck.check(new StringReader(body), withCheckpoints ? List.of(saved) : List.of(),
                withCheckpoints ? publishedKey : null);
    }
}
