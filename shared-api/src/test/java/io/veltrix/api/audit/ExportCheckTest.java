package io.veltrix.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import java.io.StringReader;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An export checked from the file alone: chains and the board. */
class ExportCheckTest {

    private final ObjectMapper mapper = CanonicalJson.mapper();
    private final HuntId hunt = new HuntId("h");
    private final PlayerId ann = new PlayerId("ann");
    private final PlayerId bo = new PlayerId("bo");

    private final Map<String, Checkpoint.Head> heads = new HashMap<>();
    private final KeyPair key = KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();

    ExportCheckTest() throws Exception {
    }

    private Checkpoint signed(KeyPair by) {
        return Checkpoint.sign(hunt.value(), 1, "freeze", Instant.parse("2026-11-26T11:00:00Z"),
                List.copyOf(heads.values()), by.getPrivate(), by.getPublic());
    }

    private String line(Checkpoint checkpoint) throws Exception {
        return mapper.writeValueAsString(Map.of(ExportCheck.CHECKPOINT_LINE, checkpoint)) + "\n";
    }

    private String export(List<Object> payloads) throws Exception {
        StringBuilder out = new StringBuilder();
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        long index = 0;
        for (Object payload : payloads) {
            String aggregate = payload instanceof HuntCreated ? hunt.value()
                    : mapper.valueToTree(payload).get("playerId").asText();
            long sequence = sequences.merge(aggregate, 0L, (a, b) -> a + 1);
            byte[] bytes = mapper.writeValueAsBytes(payload);
            StoredEvent event = ChainCheckTest.link(new StoredEvent(++index,
                    Instant.parse("2026-11-26T10:00:00Z").plusSeconds(index), payload.getClass().getName(),
                    payload instanceof ClueFound ? "2" : "1", aggregate, sequence, mapper.readTree(bytes),
                    mapper.createObjectNode().put(HashChain.VERSION_KEY, 2), null),
                    hashes.getOrDefault(aggregate, HashChain.GENESIS));
            hashes.put(aggregate, event.hash());
            heads.put(aggregate, new Checkpoint.Head(aggregate, sequence, event.hash()));
            out.append(mapper.writeValueAsString(event)).append('\n');
        }
        return out.toString();
    }

    private List<Object> story() {
        return List.of(new HuntCreated(hunt, "H", null, null, null, 5, 5, 60, "org"),
                new PlayerRegistered(ann, hunt, "ann", "x"), new PlayerRegistered(bo, hunt, "bo", "y"),
                new ClueFound(bo, hunt, new ClueId("c1"), 10), new ClueFound(ann, hunt, new ClueId("c1"), 10));
    }

    @Test
    void anUntouchedExportHasIntactChainsAndTheBoardOfItsEvents() throws Exception {
        var result = ExportCheck.check(new StringReader(export(story())));
        assertThat(result.chains().intact()).isTrue();
        assertThat(result.chains().eventsChecked()).isEqualTo(5);
        var board = result.boards().get(hunt).live();
        assertThat(board).extracting(s -> s.playerId().value()).containsExactly("bo", "ann");
        assertThat(board.get(0).score()).isEqualTo(15);
    }

    @Test
    void aChangedPointValueBreaksTheChain() throws Exception {
        String tampered = export(story()).replace("\"points\":10,\"wrongBefore\":null}", "\"points\":99,\"wrongBefore\":null}");
        var result = ExportCheck.check(new StringReader(tampered));
        assertThat(result.chains().intact()).isFalse();
        assertThat(result.chains().brokenLinks()).extracting(BrokenLink::aggregateId).containsExactly("bo", "ann");
    }

    @Test
    void theEventsMustExtendEveryCheckpointOfTheFileSignedByTheTrustedKey() throws Exception {
        String events = export(story());
        Checkpoint checkpoint = signed(key);
        var result = ExportCheck.check(new StringReader(line(checkpoint) + events), List.of(), key.getPublic());
        assertThat(result.intact()).isTrue();
        assertThat(result.checkpoints().results()).singleElement()
                .satisfies(r -> assertThat(r.problem()).isNull());

        // ann's last event cut off: the chain alone cannot tell, the checkpoint can
        String truncated = events.substring(0, events.stripTrailing().lastIndexOf('\n') + 1);
        var cut = ExportCheck.check(new StringReader(line(checkpoint) + truncated), List.of(), key.getPublic());
        assertThat(cut.intact()).isFalse();
        assertThat(cut.chains().brokenLinks()).singleElement().satisfies(link -> {
            assertThat(link.aggregateId()).isEqualTo("ann");
            assertThat(link.reason()).contains("event missing since checkpoint 1");
        });
    }

    @Test
    void aCheckpointSavedEarlierShowsARecomputedStream() throws Exception {
        export(story());
        Checkpoint saved = signed(key);
        // bo's find rewritten to 99 points and his chain recomputed: every link holds again
        heads.clear();
        String rewritten = export(List.of(new HuntCreated(hunt, "H", null, null, null, 5, 5, 60, "org"),
                new PlayerRegistered(ann, hunt, "ann", "x"), new PlayerRegistered(bo, hunt, "bo", "y"),
                new ClueFound(bo, hunt, new ClueId("c1"), 99), new ClueFound(ann, hunt, new ClueId("c1"), 10)));
        assertThat(ExportCheck.check(new StringReader(rewritten)).intact()).isTrue();
        var result = ExportCheck.check(new StringReader(rewritten), List.of(saved), key.getPublic());
        assertThat(result.intact()).isFalse();
        assertThat(result.chains().brokenLinks()).singleElement().satisfies(link -> {
            assertThat(link.aggregateId()).isEqualTo("bo");
            assertThat(link.reason()).contains("event rewritten since checkpoint 1");
        });
    }

    @Test
    void aCheckpointSignedWithAnotherKeyDoesNotHold() throws Exception {
        String events = export(story());
        KeyPair forger = KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
        var result = ExportCheck.check(new StringReader(line(signed(forger)) + events), List.of(), key.getPublic());
        assertThat(result.intact()).isFalse();
        assertThat(result.checkpoints().results()).singleElement()
                .satisfies(r -> assertThat(r.signatureValid()).isFalse());
        // an edited head breaks the root even under the right key
        Checkpoint good = signed(key);
        List<Checkpoint.Head> edited = new java.util.ArrayList<>(good.heads());
        edited.set(0, new Checkpoint.Head(edited.get(0).aggregateId(), 0, edited.get(0).hash()));
        Checkpoint forged = new Checkpoint(good.huntId(), good.number(), good.trigger(), good.takenAt(), good.root(),
                good.publicKey(), good.signature(), edited);
        assertThat(forged.verifies(key.getPublic())).isFalse();
        assertThat(good.verifies(key.getPublic())).isTrue();
    }
}
