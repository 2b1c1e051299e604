package io.veltrix.api.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a history extends signed checkpoints: every checkpoint's signature holds under the
 * trusted key (or, with none given, under the key it names), its root follows from its heads, and
 * every head is in the history with the same hash. Give it the checkpoints first, then {@link #see}
 * every event: only the events a checkpoint names are remembered.
 */
public final class CheckpointCheck {

    /**
     * What became of one checkpoint. {@code problem} is null when it holds; {@code keyFingerprint}
     * names the key its signature was checked against.
     */
    public record Result(String huntId, long number, String trigger, String root, boolean signatureValid,
                         int heads, String keyFingerprint, String problem) {
    }

    private final List<Checkpoint> checkpoints;
    private final PublicKey trusted;
    private final Map<String, Map<Long, String>> found = new HashMap<>();

    public CheckpointCheck(List<Checkpoint> checkpoints, PublicKey trusted) {
        this.checkpoints = List.copyOf(checkpoints);
        this.trusted = trusted;
        for (Checkpoint checkpoint : this.checkpoints) {
            if (checkpoint.heads() != null) {
                checkpoint.heads().forEach(head -> found.computeIfAbsent(head.aggregateId(), a -> new HashMap<>()));
            }
        }
    }

    public void see(StoredEvent event) {
        Map<Long, String> stream = found.get(event.aggregateId());
        if (stream != null) {
            stream.put(event.sequence(), event.hash());
        }
    }

    public boolean isEmpty() {
        return checkpoints.isEmpty();
    }

    /** Each checkpoint's outcome, once every event has been seen. */
    public List<Result> results() {
        List<Result> results = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints) {
            boolean signed = signatureHolds(checkpoint);
            String problem = signed ? null : "the signature or root does not hold: not a checkpoint this service signed";
            if (signed) {
                List<BrokenLink> missing = unextended(checkpoint);
                problem = missing.isEmpty() ? null : missing.size() + " stream(s) no longer extend it, first "
                        + missing.get(0).aggregateId() + ": " + missing.get(0).reason();
            }
            PublicKey key = keyFor(checkpoint);
            results.add(new Result(checkpoint.huntId(), checkpoint.number(), checkpoint.trigger(), checkpoint.root(),
                    signed, checkpoint.heads() == null ? 0 : checkpoint.heads().size(),
                    key == null ? null : Checkpoint.fingerprint(key), problem));
        }
        return results;
    }

    public boolean holds() {
        return results().stream().allMatch(result -> result.problem() == null);
    }

    /** Per stream, where the history departs from a validly signed checkpoint. */
    public List<BrokenLink> brokenLinks() {
        List<BrokenLink> links = new ArrayList<>();
        for (Checkpoint checkpoint : checkpoints) {
            if (signatureHolds(checkpoint)) {
                links.addAll(unextended(checkpoint));
            }
        }
        return links;
    }

    private boolean signatureHolds(Checkpoint checkpoint) {
        PublicKey key = keyFor(checkpoint);
        return key != null && checkpoint.verifies(key);
    }

    /** The trusted key, or without one the key the checkpoint names (null if it names none). */
    private PublicKey keyFor(Checkpoint checkpoint) {
        if (trusted != null) {
            return trusted;
        }
        try {
            return Checkpoint.publicKey(checkpoint.publicKey());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private List<BrokenLink> unextended(Checkpoint checkpoint) {
        List<BrokenLink> links = new ArrayList<>();
        for (Checkpoint.Head head : checkpoint.heads()) {
            String stored = found.getOrDefault(head.aggregateId(), Map.of()).get(head.sequence());
            if (!Objects.equals(head.hash(), stored)) {
                links.add(new BrokenLink(head.aggregateId(), head.sequence(), -1, head.hash(), stored,
                        (stored == null ? "event missing" : "event rewritten") + " since checkpoint "
                                + checkpoint.number() + " (" + checkpoint.trigger() + ", " + checkpoint.takenAt() + ")"));
            }
        }
        return links;
    }
}
