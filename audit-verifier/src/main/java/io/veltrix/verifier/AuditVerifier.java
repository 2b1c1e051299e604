package io.veltrix.verifier;

import io.veltrix.api.audit.BrokenLink;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.audit.CheckpointCheck;
import io.veltrix.api.audit.ExportCheck;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.Standing;
import io.veltrix.api.scoring.TeamStanding;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar audit-verifier.jar [--public-key KEY] [--checkpoint saved.json]... export.ndjson}:
 * re-checks every hash chain of a hunt export, that its events extend every checkpoint (those in the
 * file and those saved earlier), and prints the final board computed from the file alone (the teams'
 * of a team-mode hunt), with the same scoring functions as the live service. {@code KEY} is the published checkpoint key (base64,
 * or a file holding it); without it each checkpoint is checked against the key it names, which only
 * proves something once that key's fingerprint is compared with the published one. Exit code 0 when
 * everything holds, 1 when something is broken, 2 when a file cannot be read.
 */
public final class AuditVerifier {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int UNREADABLE = 2;

    private static final String USAGE =
            "usage: java -jar audit-verifier.jar [--public-key <base64|file>] [--checkpoint <saved.json>]... <export.ndjson>";

    private AuditVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Checkpoint> saved = new ArrayList<>();
        PublicKey trusted = null;
        Path file = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--public-key" -> trusted = Checkpoint.publicKey(keyText(args[++i]));
                    case "--checkpoint" -> saved.add(CanonicalJson.mapper().readValue(Path.of(args[++i]).toFile(),
                            Checkpoint.class));
                    default -> {
                        if (file != null) {
                            err.println(USAGE);
                            return UNREADABLE;
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("cannot read the options: " + e.getMessage() + "\n" + USAGE);
            return UNREADABLE;
        }
        if (file == null) {
            err.println(USAGE);
            return UNREADABLE;
        }
        ExportCheck.Result result;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = ExportCheck.check(reader, saved, trusted);
        } catch (IOException | RuntimeException e) {
            err.println("cannot verify " + file + ": " + e.getMessage());
            return UNREADABLE;
        }
        out.printf("%s: %d events in %d streams%n", file, result.chains().eventsChecked(), result.chains().streams());
        for (Map.Entry<HuntId, Scoreboard> hunt : result.boards().entrySet()) {
            printBoard(out, hunt.getKey(), hunt.getValue());
        }
        if (result.unreadable() > 0) {
            out.printf("%d event(s) no longer read as events and are left out of the board%n", result.unreadable());
        }
        printCheckpoints(out, result.checkpoints(), trusted);
        List<BrokenLink> broken = result.chains().brokenLinks();
        if (broken.isEmpty()) {
            out.println("chains: intact");
        } else {
            out.printf("chains: BROKEN in %d stream(s)%n", broken.size());
            for (BrokenLink link : broken) {
                out.printf("  stream %s sequence %d (index %d): %s; expected hash %s, found %s%n", link.aggregateId(),
                        link.sequence(), link.index(), link.reason(), link.expected(), link.found());
            }
        }
        return result.intact() ? INTACT : BROKEN;
    }

    private static String keyText(String argument) throws IOException {
        Path path = Path.of(argument);
        return Files.isRegularFile(path) ? Files.readString(path).trim() : argument;
    }

    private static void printCheckpoints(PrintStream out, CheckpointCheck checkpoints, PublicKey trusted) {
        if (checkpoints.isEmpty()) {
            out.println("checkpoints: none");
            return;
        }
        out.println(trusted == null
                ? "checkpoints (each checked against the key it names: compare that key's fingerprint with the"
                        + " published one, or pass --public-key):"
                : "checkpoints (checked against the key " + Checkpoint.fingerprint(trusted) + "):");
        for (CheckpointCheck.Result result : checkpoints.results()) {
            out.printf("  hunt %s #%d (%s, %d streams, root %s, key %s): %s%n", result.huntId(), result.number(),
                    result.trigger(), result.heads(), result.root(), result.keyFingerprint(),
                    result.problem() == null ? "holds" : result.problem());
        }
    }

    private static void printBoard(PrintStream out, HuntId hunt, Scoreboard board) {
        out.printf("%nhunt %s — final board (live%s)%n", hunt,
                board.frozenAt() == null ? "" : "; the public board froze at " + board.frozenAt());
        if (board.teamMode()) {
            out.printf("%5s  %-32s %7s %6s  %-24s  %s%n", "rank", "team", "score", "clues", "last scored", "members");
            for (TeamStanding s : board.liveTeams()) {
                out.printf("%5d  %-32s %7d %6d  %-24s  %s%n", s.rank(), s.name(), s.score(), s.cluesFound(),
                        s.lastScoredAt() == null ? "-" : s.lastScoredAt(),
                        String.join(", ", s.members().stream().map(TeamStanding.Member::handle).toList()));
            }
            return;
        }
        out.printf("%5s  %-32s %7s %6s  %-24s  %s%n", "rank", "handle", "score", "clues", "last scored", "player");
        for (Standing s : board.live()) {
            out.printf("%5d  %-32s %7d %6d  %-24s  %s%n", s.rank(), s.handle(), s.score(), s.cluesFound(),
                    s.lastScoredAt() == null ? "-" : s.lastScoredAt(), s.playerId());
        }
    }
}
