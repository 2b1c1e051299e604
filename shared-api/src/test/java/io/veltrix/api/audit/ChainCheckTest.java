package io.veltrix.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static final ObjectMapper JSON = CanonicalJson.mapper();
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** A player's stream written as the store writes it: version 2 links, or version 1 ones (no marker). */
    private static List<StoredEvent> stream(String player, String hunt, int version, int events, long firstIndex) {
        List<StoredEvent> out = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (int n = 0; n < events; n++) {
            ObjectNode payload = JSON.createObjectNode().put("huntId", hunt).put("n", n).put("playerId", player);
            StoredEvent event = link(new StoredEvent(firstIndex + 2L * n, T0.plusSeconds(n), "io.veltrix.api.X", "1",
                    player, n, payload, metaData(version), null), previous);
            previous = event.hash();
            out.add(event);
        }
        return out;
    }

    private static ObjectNode metaData(int version) {
        ObjectNode metaData = JSON.createObjectNode().put("traceId", "t");
        return version == 1 ? metaData : metaData.put(HashChain.VERSION_KEY, version);
    }

    /** The event with the hash its version gives it after {@code previous}. */
    static StoredEvent link(StoredEvent e, String previous) {
        String hash = e.chainVersion() == 1 ? HashChain.next(previous, e.payloadBytes())
                : HashChain.next(previous, e.covered(e.payloadBytes()));
        ObjectNode metaData = ((ObjectNode) e.metaData()).deepCopy().put(HashChain.METADATA_KEY, hash);
        return new StoredEvent(e.index(), e.timestamp(), e.type(), e.version(), e.aggregateId(), e.sequence(),
                e.payload(), metaData, hash);
    }

    private static ChainCheck check(List<StoredEvent> events) {
        ChainCheck check = new ChainCheck("h");
        events.forEach(e -> check.check(e, e.payloadBytes()));
        return check;
    }

    private static List<StoredEvent> with(List<StoredEvent> events, int at, UnaryOperator<StoredEvent> change) {
        List<StoredEvent> changed = new ArrayList<>(events);
        changed.set(at, change.apply(events.get(at)));
        return changed;
    }

    private static StoredEvent copy(StoredEvent e, long index, Instant at, String type, String version,
                                    String aggregate, long sequence, JsonNode payload, JsonNode metaData) {
        return new StoredEvent(index, at, type, version, aggregate, sequence, payload, metaData, e.hash());
    }

    @Test
    void intactStreamsOfEitherVersionPass() {
        List<StoredEvent> all = new ArrayList<>(stream("p", "h", 2, 3, 1));
        all.addAll(stream("q", "h", 1, 2, 100));
        ChainCheck check = check(all);
        assertThat(check.brokenLinks()).isEmpty();
        assertThat(check.eventsChecked()).isEqualTo(5);
        assertThat(check.streams()).isEqualTo(2);
    }

    @Test
    void aVersionTwoLinkCoversEveryColumnScoringOrReplayReads() {
        List<StoredEvent> events = stream("p", "h", 2, 3, 1);
        List<UnaryOperator<StoredEvent>> edits = List.of(
                e -> copy(e, e.index() + 1, e.timestamp(), e.type(), e.version(), e.aggregateId(), e.sequence(), e.payload(), e.metaData()),
                e -> copy(e, e.index(), e.timestamp().minusMillis(1), e.type(), e.version(), e.aggregateId(), e.sequence(), e.payload(), e.metaData()),
                e -> copy(e, e.index(), e.timestamp(), "io.veltrix.api.Y", e.version(), e.aggregateId(), e.sequence(), e.payload(), e.metaData()),
                e -> copy(e, e.index(), e.timestamp(), e.type(), "2", e.aggregateId(), e.sequence(), e.payload(), e.metaData()),
                e -> copy(e, e.index(), e.timestamp(), e.type(), e.version(), e.aggregateId(), e.sequence(),
                        ((ObjectNode) e.payload()).deepCopy().put("n", 7), e.metaData()),
                e -> copy(e, e.index(), e.timestamp(), e.type(), e.version(), e.aggregateId(), e.sequence(), e.payload(),
                        ((ObjectNode) e.metaData()).deepCopy().put("traceId", "u")));
        for (UnaryOperator<StoredEvent> edit : edits) {
            assertThat(check(with(events, 1, edit)).brokenLinks()).singleElement()
                    .satisfies(link -> assertThat(link.sequence()).isEqualTo(1));
        }
    }

    @Test
    void aVersionOneLinkCoversItsPayloadOnly() {
        List<StoredEvent> events = stream("p", "h", 1, 2, 1);
        StoredEvent moved = events.get(1);
        assertThat(check(with(events, 1, e -> copy(e, e.index() + 5, e.timestamp().minusSeconds(60), e.type(),
                e.version(), e.aggregateId(), e.sequence(), e.payload(), e.metaData()))).intact()).isTrue();
        assertThat(check(with(events, 1, e -> copy(e, e.index(), e.timestamp(), e.type(), e.version(),
                e.aggregateId(), e.sequence(), ((ObjectNode) moved.payload()).deepCopy().put("n", 7), e.metaData())))
                .intact()).isFalse();
    }

    @Test
    void aStreamNeverGoesBackFromVersionTwoToOne() {
        List<StoredEvent> events = new ArrayList<>(stream("p", "h", 2, 1, 1));
        StoredEvent old = stream("p", "h", 1, 2, 1).get(1);
        events.add(link(copy(old, 5, old.timestamp(), old.type(), old.version(), "p", 1, old.payload(), metaData(1)),
                events.get(0).hash()));
        assertThat(check(events).brokenLinks()).singleElement()
                .satisfies(link -> assertThat(link.reason()).contains("version went down"));
    }

    @Test
    void aMissingEventBreaksTheChainAtTheNextOne() {
        List<StoredEvent> events = new ArrayList<>(stream("p", "h", 2, 3, 1));
        events.remove(1);
        assertThat(check(events).brokenLinks()).singleElement().satisfies(link -> {
            assertThat(link.sequence()).isEqualTo(2);
            assertThat(link.reason()).contains("missing");
        });
    }

    @Test
    void aStreamMustStartAtItsGenesis() {
        assertThat(check(stream("p", "h", 2, 3, 1).subList(1, 3)).intact()).isFalse();
    }

    @Test
    void aPayloadMustNameItsStreamAndItsStreamsHunt() {
        StoredEvent other = stream("q", "h", 2, 1, 1).get(0);
        // a correctly hashed event of player q stored in p's stream
        StoredEvent foreign = link(copy(other, 1, other.timestamp(), other.type(), other.version(), "p", 0,
                other.payload(), metaData(2)), HashChain.GENESIS);
        assertThat(check(List.of(foreign)).brokenLinks()).singleElement()
                .satisfies(link -> assertThat(link.reason()).contains("names player q"));
        // a whole stream, correctly hashed, of another hunt
        assertThat(check(stream("p", "elsewhere", 2, 1, 1)).brokenLinks()).singleElement()
                .satisfies(link -> assertThat(link.reason()).contains("belongs to hunt h"));
    }

    @Test
    void aTeamsEventBelongsToTheTeamItNamesNotToTheMemberWhoActed() {
        ObjectNode payload = JSON.createObjectNode().put("huntId", "h").put("playerId", "p").put("teamId", "t");
        StoredEvent inTeam = link(new StoredEvent(1, T0, "io.veltrix.api.team.X", "1", "t", 0, payload, metaData(2),
                null), HashChain.GENESIS);
        assertThat(check(List.of(inTeam)).intact()).isTrue();
        StoredEvent inMember = link(new StoredEvent(1, T0, "io.veltrix.api.team.X", "1", "p", 0, payload, metaData(2),
                null), HashChain.GENESIS);
        assertThat(check(List.of(inMember)).brokenLinks()).singleElement()
                .satisfies(link -> assertThat(link.reason()).contains("names team t"));
    }
}
