package io.veltrix.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-checks hash chains from stored rows. Feed events in global order (each stream's events then
 * come in sequence order); every stream must start at sequence 0 and go up by one, every stored
 * hash must equal the link recomputed under the version the event names ({@link HashChain}), a
 * stream never goes back from version 2 to 1, and every payload must belong to its stream: a
 * player's event names that player, a hunt's event that hunt, and all events of a stream the same
 * hunt (the expected one, when given). Keeps one entry per stream, reports the first broken link
 * of each.
 */
public final class ChainCheck {

    /** A stream's last stored link, and the hunt its events name. */
    public record Head(String aggregateId, long sequence, long index, String hash, int version, String huntId) {
    }

    private final String expectedHunt;
    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, BrokenLink> broken = new LinkedHashMap<>();
    private long eventsChecked;

    /** Checks chains of any hunts. */
    public ChainCheck() {
        this(null);
    }

    /** Checks chains whose every event must name {@code expectedHunt}. */
    public ChainCheck(String expectedHunt) {
        this.expectedHunt = expectedHunt;
    }

    /** Checks one event; {@code storedPayload} is the payload as stored, the bytes a link covers. */
    public void check(StoredEvent event, byte[] storedPayload) {
        eventsChecked++;
        String aggregateId = event.aggregateId();
        long sequence = event.sequence();
        Head head = heads.get(aggregateId);
        long expectedSequence = head == null ? 0 : head.sequence() + 1;
        String previous = head == null ? HashChain.GENESIS : head.hash();
        int version = event.chainVersion();
        String expected = switch (version) {
            case 1 -> HashChain.next(previous, storedPayload);
            case 2 -> HashChain.next(previous, event.covered(storedPayload));
            default -> null;
        };
        String hunt = text(event.payload(), "huntId");
        String streamHunt = head != null ? head.huntId() : expectedHunt != null ? expectedHunt : hunt;
        String reason = null;
        if (sequence != expectedSequence) {
            reason = sequence > expectedSequence
                    ? "sequence gap: events " + expectedSequence + ".." + (sequence - 1) + " missing"
                    : "sequence " + sequence + " out of order after " + (expectedSequence - 1);
        } else if (expected == null) {
            reason = "unknown chain version " + event.metaData().get(HashChain.VERSION_KEY);
        } else if (head != null && version < head.version()) {
            reason = "chain version went down from " + head.version() + " to " + version;
        } else if (!expected.equals(event.hash())) {
            reason = event.hash() == null ? "no stored hash" : "hash mismatch: the event or its predecessor changed";
        } else {
            reason = belonging(event, hunt, streamHunt);
        }
        if (reason != null) {
            broken.putIfAbsent(aggregateId, new BrokenLink(aggregateId, sequence, event.index(), expected, event.hash(),
                    reason));
        }
        // Go on from what is stored, so a later link is judged on its own.
        heads.put(aggregateId, new Head(aggregateId, Math.max(sequence, expectedSequence - 1), event.index(),
                event.hash(), Math.max(version, head == null ? 0 : head.version()), streamHunt));
    }

    /** Why a payload does not belong to its stream, or null when it does. */
    private static String belonging(StoredEvent event, String hunt, String streamHunt) {
        // a team's events also name the member who acted: the team owns them
        String team = text(event.payload(), "teamId");
        String player = text(event.payload(), "playerId");
        String owner = team != null ? team : player != null ? player : hunt;
        if (hunt == null) {
            return "the payload names no hunt";
        }
        if (!owner.equals(event.aggregateId())) {
            String kind = team != null ? "team " : player != null ? "player " : "hunt ";
            return "the payload names " + kind + owner + ", not its stream";
        }
        if (!hunt.equals(streamHunt)) {
            return "the payload names hunt " + hunt + ", its stream belongs to hunt " + streamHunt;
        }
        return null;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload == null ? null : payload.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    public long eventsChecked() {
        return eventsChecked;
    }

    public int streams() {
        return heads.size();
    }

    /** Each stream's last stored link, as read. */
    public Map<String, Head> heads() {
        return Map.copyOf(heads);
    }

    public boolean intact() {
        return broken.isEmpty();
    }

    /** The first broken link per stream, in the order they were met. */
    public List<BrokenLink> brokenLinks() {
        return new ArrayList<>(broken.values());
    }

    /** Reports a finding about a stream that no single link shows (a checkpoint it no longer extends). */
    public void report(BrokenLink link) {
        broken.putIfAbsent(link.aggregateId(), link);
    }
}
