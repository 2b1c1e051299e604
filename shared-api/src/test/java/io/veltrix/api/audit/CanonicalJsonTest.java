package io.veltrix.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stored payloads are canonical: reading one as a tree and writing it canonically gives the same bytes. */
class CanonicalJsonTest {

    private final ObjectMapper mapper = CanonicalJson.mapper();

    @Test
    void storedPayloadsRoundTripToTheSameBytes() throws Exception {
        HuntId hunt = new HuntId("h-1");
        List<Object> events = List.of(
                new HuntCreated(hunt, "Zoë's \"hunt\" ✓", Instant.parse("2026-11-26T10:00:00.123Z"), null, null, 5, 5, 60, "org"),
                new ClueAdded(hunt, new ClueId("c"), "T", "line\nbreak", 10, null, 0, "salt", List.of("b", "a"), "org"),
                new PlayerRegistered(new PlayerId("p"), hunt, "Ünal 😀", "abc"),
                new ClueFound(new PlayerId("p"), hunt, new ClueId("c"), 10),
                new ScoreboardFrozen(hunt, Instant.parse("2026-11-26T11:00:00Z"), "org"));
        for (Object event : events) {
            byte[] stored = mapper.writeValueAsBytes(event);
            assertThat(CanonicalJson.canonicalBytes(new ObjectMapper().readTree(stored))).as(event.toString())
                    .isEqualTo(stored);
        }
    }

    @Test
    void keyOrderDoesNotMatterButValuesDo() throws Exception {
        var reader = new ObjectMapper();
        assertThat(CanonicalJson.canonicalBytes(reader.readTree("{\"b\":1,\"a\":{\"d\":[2,{\"z\":0,\"y\":1}],\"c\":null}}")))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":[2,{\"y\":1,\"z\":0}]},\"b\":1}".getBytes());
        assertThat(HashChain.next("", CanonicalJson.canonicalBytes(reader.readTree("{\"a\":1}"))))
                .isNotEqualTo(HashChain.next("", CanonicalJson.canonicalBytes(reader.readTree("{\"a\":2}"))));
    }
}
