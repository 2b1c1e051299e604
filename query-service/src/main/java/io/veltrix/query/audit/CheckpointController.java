package io.veltrix.query.audit;

import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.rule.RuleViolation;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checkpoints for anyone: a hunt's signed checkpoints and the key they are signed with, so that a
 * player or spectator can keep one and later show that the history no longer extends it.
 */
@RestController
class CheckpointController {

    /** A checkpoint without its heads: what to keep to recognise it, and where to read it whole. */
    record Summary(long number, String trigger, Instant takenAt, int streams, String root, String signature,
                   String href) {
    }

    /** The key checkpoints are signed with: Ed25519, base64 of its X.509 encoding. */
    record PublishedKey(String algorithm, String publicKey, String fingerprint) {
    }

    private final Checkpoints checkpoints;
    private final CheckpointKey key;

    CheckpointController(Checkpoints checkpoints, CheckpointKey key) {
        this.checkpoints = checkpoints;
        this.key = key;
    }

    @GetMapping("/api/hunts/{huntId}/checkpoints")
    List<Summary> list(@PathVariable String huntId) {
        return checkpoints.of(huntId).stream()
                .map(c -> new Summary(c.number(), c.trigger(), c.takenAt(), c.heads().size(), c.root(), c.signature(),
                        "/api/hunts/" + huntId + "/checkpoints/" + c.number()))
                .toList();
    }

    @GetMapping("/api/hunts/{huntId}/checkpoints/{number}")
    Checkpoint get(@PathVariable String huntId, @PathVariable long number) {
        return checkpoints.get(huntId, number).orElseThrow(() -> RuleViolation.notFound("checkpoint-not-found",
                "hunt " + huntId + " has no checkpoint " + number));
    }

    @GetMapping("/api/checkpoints/key")
    PublishedKey key() {
        return new PublishedKey(Checkpoint.ALGORITHM, Checkpoint.encode(key.publicKey()), key.fingerprint());
    }
}
