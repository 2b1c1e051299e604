package io.veltrix.api.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-checks hash chains from stored bytes. Feed events in global order (each stream's events then
 * come in sequence order); every stream must start at sequence 0 and go up by one, and every stored
 * hash must equal {@code HashChain.next(previous stored hash, payload)}. Keeps one entry per stream,
 * reports the first broken link of each.
 */
public final class ChainCheck {

    private record Tip(long sequence, String hash) {
    }

    private final Map<String, Tip> tips = new HashMap<>();
    private final Map<String, BrokenLink> broken = new LinkedHashMap<>();
    private long eventsChecked;

    public void check(String aggregateId, long sequence, long index, byte[] payload, String storedHash) {
        eventsChecked++;
        Tip tip = tips.get(aggregateId);
        long expectedSequence = tip == null ? 0 : tip.sequence() + 1;
        String expected = HashChain.next(tip == null ? HashChain.GENESIS : tip.hash(), payload);
        String reason = null;
        if (sequence != expectedSequence) {
            reason = sequence > expectedSequence
                    ? "sequence gap: events " + expectedSequence + ".." + (sequence - 1) + " missing"
                    : "sequence " + sequence + " out of order after " + (expectedSequence - 1);
        } else if (!expected.equals(storedHash)) {
            reason = storedHash == null ? "no stored hash" : "hash mismatch: payload or predecessor changed";
        }
        if (reason != null) {
            broken.putIfAbsent(aggregateId, new BrokenLink(aggregateId, sequence, index, expected, storedHash, reason));
        }
        // Go on from what is stored, so a later link is judged on its own.
        tips.put(aggregateId, new Tip(Math.max(sequence, expectedSequence - 1), storedHash));
    }

    public long eventsChecked() {
        return eventsChecked;
    }

    public int streams() {
        return tips.size();
    }

    public boolean intact() {
        return broken.isEmpty();
    }

    /** The first broken link per stream, in the order they were met. */
    public List<BrokenLink> brokenLinks() {
        return new ArrayList<>(broken.values());
    }
}
