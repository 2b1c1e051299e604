package io.veltrix.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.audit.StoredEvent;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.hunt.HuntOrganizerRemoved;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.team.TeamClueFound;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamHintTaken;
import io.veltrix.api.team.TeamId;
import io.veltrix.api.team.TeamMemberJoined;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on an export written like the service writes it, and on tampered copies. */
class AuditVerifierTest {

    @TempDir
    Path dir;

    private final ObjectMapper mapper = CanonicalJson.mapper();
    private final HuntId hunt = new HuntId("hunt-1");
    private final PlayerId ann = new PlayerId("p-ann");
    private final PlayerId bo = new PlayerId("p-bo");
    private final ClueId clue = new ClueId("c-1");

    private Path export() throws Exception {
        return export(List.of(new HuntCreated(hunt, "H", null, null, null, 5, 5, 60, "org"),
                new PlayerRegistered(ann, hunt, "ann", "hash-a"), new PlayerRegistered(bo, hunt, "bo", "hash-b"),
                new ClueFound(ann, hunt, clue, 10, 2), new HintTaken(bo, hunt, clue, 3),
                new ClueFound(bo, hunt, clue, 10, 0)));
    }

    /** The events as the service exports them, each in its stream: a team's, a player's or the hunt's. */
    private Path export(List<Object> payloads) throws Exception {
        StringBuilder out = new StringBuilder();
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        long index = 100;
        for (Object payload : payloads) {
            JsonNode tree = mapper.valueToTree(payload);
            String aggregate = tree.has("teamId") ? tree.get("teamId").asText()
                    : tree.has("playerId") ? tree.get("playerId").asText() : hunt.value();
            long sequence = sequences.merge(aggregate, 0L, (a, b) -> a + 1);
            byte[] bytes = mapper.writeValueAsBytes(payload);
            index += 3;
            StoredEvent event = new StoredEvent(index, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(index),
                    payload.getClass().getName(), payload instanceof ClueFound ? "2" : "1", aggregate, sequence,
                    mapper.readTree(bytes), mapper.createObjectNode().put(HashChain.VERSION_KEY, 2), null);
            String hash = HashChain.next(hashes.getOrDefault(aggregate, HashChain.GENESIS), event.covered(bytes));
            hashes.put(aggregate, hash);
            heads.put(aggregate, new Checkpoint.Head(aggregate, sequence, hash));
            out.append(mapper.writeValueAsString(new StoredEvent(event.index(), event.timestamp(), event.type(),
                    event.version(), aggregate, sequence, event.payload(),
                    ((ObjectNode) event.metaData()).put(HashChain.METADATA_KEY, hash), hash))).append('\n');
        }
        return Files.writeString(dir.resolve("export.ndjson"), out);
    }

    private final Map<String, Checkpoint.Head> heads = new HashMap<>();
    private final KeyPair key = generate();

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint of the heads written so far, saved to a file as a spectator saves it. */
    private Path savedCheckpoint() throws Exception {
        Checkpoint checkpoint = Checkpoint.sign(hunt.value(), 1, "end", Instant.parse("2026-11-26T12:00:00Z"),
                List.copyOf(heads.values()), key.getPrivate(), key.getPublic());
        return Files.write(dir.resolve("checkpoint.json"), mapper.writeValueAsBytes(checkpoint));
    }

    private record Run(int exit, String out) {
    }

    private static Run verify(Path file) {
        return verify(file.toString());
    }

    private static Run verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUntouchedExportVerifiesAndPrintsTheFinalBoard() throws Exception {
        Run run = verify(export());
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("6 events in 3 streams", "chains: intact");
        // ann found first: 10 + bonus 5; bo: 10 - 3 hint
        assertThat(run.out()).containsPattern("1  ann\\s+15\\s+1");
        assertThat(run.out()).containsPattern("2  bo\\s+7\\s+1");
    }

    @Test
    void organizersAddedAndRemovedAreReadAndChainedLikeEveryHuntEvent() throws Exception {
        Path file = export(List.of(new HuntCreated(hunt, "H", null, null, null, 5, 5, 60, "org"),
                new HuntOrganizerAdded(hunt, "alice", "org"), new HuntOrganizerRemoved(hunt, "org", "adm"),
                new PlayerRegistered(ann, hunt, "ann", "hash-a"), new ClueFound(ann, hunt, clue, 10, 0)));
        Run run = verify(file);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("5 events in 2 streams", "chains: intact");

        Path tampered = dir.resolve("tampered.ndjson");
        Files.writeString(tampered, Files.readString(file).replace("\"by\":\"adm\"", "\"by\":\"alice\""));
        Run broken = verify(tampered);
        assertThat(broken.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(broken.out()).contains("stream hunt-1 sequence 2");
    }

    @Test
    void aTamperedCopyFailsAndNamesTheStream() throws Exception {
        Path original = export();
        Path tampered = dir.resolve("tampered.ndjson");
        Files.writeString(tampered, Files.readString(original).replace("\"penalty\":3", "\"penalty\":0"));
        Run run = verify(tampered);
        assertThat(run.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(run.out()).contains("BROKEN in 1 stream", "stream p-bo sequence 1");
    }

    @Test
    void aDroppedLineBreaksTheChain() throws Exception {
        List<String> lines = Files.readAllLines(export());
        // bo's hint (sequence 1) goes missing: his find (sequence 2) no longer follows
        Path dropped = Files.write(dir.resolve("dropped.ndjson"), List.of(lines.get(0), lines.get(1), lines.get(2),
                lines.get(3), lines.get(5)));
        Run run = verify(dropped);
        assertThat(run.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(run.out()).contains("stream p-bo sequence 2", "missing");
    }

    @Test
    void aFileThatIsNoExportIsUnreadable() throws Exception {
        assertThat(verify(Files.writeString(dir.resolve("x.ndjson"), "hello\n")).exit()).isEqualTo(AuditVerifier.UNREADABLE);
        assertThat(verify(dir.resolve("missing.ndjson")).exit()).isEqualTo(AuditVerifier.UNREADABLE);
    }

    @Test
    void aCutOffTailIsShownByASavedCheckpointUnderThePublishedKey() throws Exception {
        Path export = export();
        Path checkpoint = savedCheckpoint();
        Path publicKey = Files.writeString(dir.resolve("key.txt"), Checkpoint.encode(key.getPublic()));
        Run whole = verify("--public-key", publicKey.toString(), "--checkpoint", checkpoint.toString(), export.toString());
        assertThat(whole.exit()).as(whole.out()).isZero();
        assertThat(whole.out()).contains("#1 (end, 3 streams", "holds", Checkpoint.fingerprint(key.getPublic()));

        List<String> lines = Files.readAllLines(export);
        Path cut = Files.write(dir.resolve("cut.ndjson"), lines.subList(0, lines.size() - 1));
        assertThat(verify(cut).exit()).as("the chains alone cannot tell").isZero();
        Run unkeyed = verify("--checkpoint", checkpoint.toString(), cut.toString());
        assertThat(unkeyed.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(unkeyed.out()).contains("key " + Checkpoint.fingerprint(key.getPublic()), "compare");
        Run run = verify("--public-key", publicKey.toString(), "--checkpoint", checkpoint.toString(), cut.toString());
        assertThat(run.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(run.out()).contains("stream p-bo sequence 2", "event missing since checkpoint 1");
    }

    @Test
    void aCheckpointUnderAnotherKeyThanThePublishedOneFails() throws Exception {
        Path export = export();
        Path checkpoint = savedCheckpoint();
        String otherKey = Checkpoint.encode(generate().getPublic());
        Run run = verify("--public-key", otherKey, "--checkpoint", checkpoint.toString(), export.toString());
        assertThat(run.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(run.out()).contains("not a checkpoint this service signed");
    }

    @Test
    void aDraftCorrectedBeforePublishingVerifiesWithItsEditedBonus() throws Exception {
        Path export = export(List.of(new HuntCreated(hunt, "H", null, null, null, 5, 5, 60, "org"),
                new ClueAdded(hunt, clue, "t", "r", 30, null, 0, "s", List.of("h"), "org"),
                new ClueAdded(hunt, new ClueId("c-2"), "t2", "r2", 5, null, 0, "s", List.of("h"), "org"),
                new HuntEdited(hunt, "H2", null, null, 10, 8, 5, 60, "org"),
                new ClueEdited(hunt, clue, "t", "r", 10, "hint", 3, null, null, "org"),
                new ClueRemoved(hunt, new ClueId("c-2"), "org"),
                new PlayerRegistered(ann, hunt, "ann", "hash-a"), new PlayerRegistered(bo, hunt, "bo", "hash-b"),
                new ClueFound(ann, hunt, clue, 10, 0), new HintTaken(bo, hunt, clue, 3),
                new ClueFound(bo, hunt, clue, 10, 0)));
        Run run = verify(export);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("chains: intact");
        // ann found first: 10 + the edited bonus 8 (not the created 5); bo: 10 - 3 hint
        assertThat(run.out()).containsPattern("1  ann\\s+18\\s+1");
        assertThat(run.out()).containsPattern("2  bo\\s+7\\s+1");
    }

    @Test
    void aTeamHuntsExportVerifiesAndPrintsTheTeamBoard() throws Exception {
        TeamId owls = new TeamId("t-owls");
        TeamId larks = new TeamId("t-larks");
        PlayerId cy = new PlayerId("p-cy");
        Path export = export(List.of(new HuntCreated(hunt, "H", null, null, null, 5, 5, 60, "org"),
                new TeamModeSet(hunt, 2, null),
                new PlayerRegistered(ann, hunt, "ann", "hash-a"), new TeamCreated(owls, hunt, "Owls", ann, "c"),
                new TeamMemberJoined(owls, hunt, ann, "ann"),
                new PlayerRegistered(bo, hunt, "bo", "hash-b"), new TeamMemberJoined(owls, hunt, bo, "bo"),
                new PlayerRegistered(cy, hunt, "cy", "hash-c"), new TeamCreated(larks, hunt, "Larks", cy, "c"),
                new TeamMemberJoined(larks, hunt, cy, "cy"),
                new TeamClueFound(larks, hunt, clue, cy, 10, 0), new TeamClueFound(owls, hunt, clue, bo, 10, 1),
                new TeamHintTaken(owls, hunt, new ClueId("c-2"), ann, 4)));
        Run run = verify(export);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("chains: intact", "members");
        // larks found first: 10 + bonus 5; owls: 10 - 4 hint
        assertThat(run.out()).containsPattern("1  Larks\\s+15\\s+1 .*cy");
        assertThat(run.out()).containsPattern("2  Owls\\s+6\\s+1 .*ann, bo");

        Path tampered = Files.writeString(dir.resolve("team-tampered.ndjson"),
                Files.readString(export).replace("\"penalty\":4", "\"penalty\":0"));
        Run broken = verify(tampered);
        assertThat(broken.exit()).isEqualTo(AuditVerifier.BROKEN);
        assertThat(broken.out()).contains("stream t-owls sequence 4");
    }
}
