package io.veltrix.query.audit;

import static io.veltrix.query.ApiClient.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.player.PlayerId;
import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import io.veltrix.platform.eventstore.PageReads;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * Rows stored before today's formats: a ClueFound v1 payload is read as v2, and a stream chained under
 * hash chain version 1 still verifies, and goes on under version 2 when its player acts again.
 */
class ClueFoundV1Test extends QueryTestBase {

    private final ObjectMapper json = CanonicalJson.mapper();

    @Test
    void aVersionOneRowIsUpcastOnReadAndItsChainStillHolds() throws Exception {
        HuntScenario scenario = HuntScenario.generate(23L, 2, 2, 0);
        scenario.appendTo(events, 50);
        PlayerId player = scenario.players.get(0);
        awaitBoardsMatchReplay(scenario.hunt);

        // the registration as chained before chain version 2: the payload alone, no version in the metadata
        byte[] registration = jdbc.sql("""
                        SELECT payload FROM domain_event_entry WHERE aggregate_identifier = :player
                        AND sequence_number = 0""").param("player", player.value()).query(byte[].class).single();
        String previous = HashChain.next(HashChain.GENESIS, registration);
        StoreTampering.allow(superuser);
        try {
            superuser.sql("""
                            UPDATE domain_event_entry SET meta_data = :meta
                            WHERE aggregate_identifier = :player AND sequence_number = 0""")
                    .param("meta", ("{\"hash\":\"" + previous + "\"}").getBytes(StandardCharsets.UTF_8))
                    .param("player", player.value()).update();
        } finally {
            StoreTampering.forbid(superuser);
        }
        // what the command side wrote before v2: no wrongBefore, revision 1, hash chained on these bytes
        org.axonframework.eventhandling.TrackingToken beforeV1 = storage.createHeadToken();
        byte[] v1 = ("{\"clueId\":\"" + scenario.clues.get(1).value() + "\",\"huntId\":\"" + scenario.hunt.value()
                + "\",\"playerId\":\"" + player.value() + "\",\"points\":15}").getBytes(StandardCharsets.UTF_8);
        String hash = HashChain.next(previous, v1);
        superuser.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:id, :player, 1, 'Player', :at, :type, '1', :payload, :meta)""")
                .param("id", UUID.randomUUID().toString()).param("player", player.value())
                .param("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()).param("type", ClueFound.class.getName())
                .param("payload", v1).param("meta", ("{\"hash\":\"" + hash + "\"}").getBytes(StandardCharsets.UTF_8))
                .update();

        List<? extends DomainEventMessage<?>> stream = storage.readEvents(player.value()).asStream().toList();
        assertThat(stream.get(1).getPayload())
                .isEqualTo(new ClueFound(player, scenario.hunt, scenario.clues.get(1), 15, null));
        // a replay's page read upcasts it too, with its own index
        PageReads.Page page = ((PageReads) storage).readPage(beforeV1, 10, type -> true);
        assertThat(page.events()).hasSize(1);
        assertThat(page.events().get(0).getPayload())
                .isEqualTo(new ClueFound(player, scenario.hunt, scenario.clues.get(1), 15, null));
        assertThat(IndexedJdbcEventStorageEngine.globalIndexOf(page.events().get(0))).isEqualTo(jdbc.sql("""
                        SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :player
                        AND sequence_number = 1""").param("player", player.value()).query(Long.class).single());

        // the projection read it upcast too, and the board agrees with the replay
        awaitBoardsMatchReplay(scenario.hunt);
        assertThat(leaderboards.page(scenario.hunt.value(), io.veltrix.query.leaderboard.BoardView.LIVE, 10, 0))
                .anySatisfy(line -> assertThat(line.score()).isEqualTo(15 + 7)); // base points + first-finder bonus

        ApiClient api = new ApiClient(port);
        String base = "/api/audit/hunts/" + scenario.hunt.value();
        await().atMost(PROJECTION_WAIT).until(() -> json.readTree(api.get(base + "/events?limit=100", AUDITOR).body())
                .size() == scenario.setup.size() + 1);
        JsonNode last = json.readTree(api.get(base + "/events?limit=100", AUDITOR).body()).get(scenario.setup.size());
        assertThat(last.get("version").asText()).as("the auditor sees the stored version").isEqualTo("1");
        assertThat(last.get("payload").has("wrongBefore")).isFalse();
        JsonNode report = json.readTree(api.get(base + "/verify", AUDITOR).body());
        assertThat(report.get("chainsIntact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("boardMatchesReplay").asBoolean()).as(report.toString()).isTrue();

        // the player acts again: the new link is version 2, chained on the stored version 1 hash
        DefaultUnitOfWork<?> uow = DefaultUnitOfWork.startAndGet(null);
        uow.attachTransaction(transactionManager);
        uow.execute(() -> eventStore.publish(new GenericDomainEventMessage<>("Player", player.value(), 2,
                new HintTaken(player, scenario.hunt, scenario.clues.get(0), 1))));
        JsonNode again = json.readTree(api.get(base + "/verify", AUDITOR).body());
        assertThat(again.get("eventsChecked").asLong()).isEqualTo(report.get("eventsChecked").asLong() + 1);
        assertThat(again.get("chainsIntact").asBoolean()).as(again.toString()).isTrue();
        assertThat(json.readTree(jdbc.sql("""
                        SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = :player
                        AND sequence_number = 2""").param("player", player.value()).query(byte[].class).single())
                .get(HashChain.VERSION_KEY).asInt()).isEqualTo(HashChain.CURRENT_VERSION);
    }
}
