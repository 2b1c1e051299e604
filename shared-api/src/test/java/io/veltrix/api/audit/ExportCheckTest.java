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
            String hash = HashChain.next(hashes.getOrDefault(aggregate, ""), bytes);
            hashes.put(aggregate, hash);
            StoredEvent event = new StoredEvent(++index, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(index),
                    payload.getClass().getName(), "1", aggregate, sequence, mapper.readTree(bytes), hash);
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
}
