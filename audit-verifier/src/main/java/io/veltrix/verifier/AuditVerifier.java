package io.veltrix.verifier;

import io.veltrix.api.audit.BrokenLink;
import io.veltrix.api.audit.ExportCheck;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.Standing;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar audit-verifier.jar export.ndjson}: re-checks every hash chain of a hunt export
 * and prints the final board computed from the file alone, with the same scoring functions as the
 * live service. Exit code 0 when every chain holds, 1 when one is broken, 2 when the file cannot be read.
 */
public final class AuditVerifier {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int UNREADABLE = 2;

    private AuditVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: java -jar audit-verifier.jar <export.ndjson>");
            return UNREADABLE;
        }
        Path file = Path.of(args[0]);
        ExportCheck.Result result;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = ExportCheck.check(reader);
        } catch (IOException | RuntimeException e) {
            err.println("cannot verify " + file + ": " + e.getMessage());
            return UNREADABLE;
        }
        out.printf("%s: %d events in %d streams%n", file, result.chains().eventsChecked(), result.chains().streams());
        for (Map.Entry<HuntId, Scoreboard> hunt : result.boards().entrySet()) {
            printBoard(out, hunt.getKey(), hunt.getValue());
        }
        List<BrokenLink> broken = result.chains().brokenLinks();
        if (broken.isEmpty()) {
            out.println("chains: intact");
            return INTACT;
        }
        out.printf("chains: BROKEN in %d stream(s)%n", broken.size());
        for (BrokenLink link : broken) {
            out.printf("  stream %s sequence %d (index %d): %s; expected hash %s, found %s%n", link.aggregateId(),
                    link.sequence(), link.index(), link.reason(), link.expected(), link.found());
        }
        return BROKEN;
    }

    private static void printBoard(PrintStream out, HuntId hunt, Scoreboard board) {
        out.printf("%nhunt %s — final board (live%s)%n", hunt,
                board.frozenAt() == null ? "" : "; the public board froze at " + board.frozenAt());
        out.printf("%5s  %-32s %7s %6s  %-24s  %s%n", "rank", "handle", "score", "clues", "last scored", "player");
        for (Standing s : board.live()) {
            out.printf("%5d  %-32s %7d %6d  %-24s  %s%n", s.rank(), s.handle(), s.score(), s.cluesFound(),
                    s.lastScoredAt() == null ? "-" : s.lastScoredAt(), s.playerId());
        }
    }
}
