package io.veltrix.query.audit;

import io.veltrix.api.audit.BrokenLink;
import io.veltrix.api.audit.ChainCheck;
import io.veltrix.api.audit.CheckpointCheck;
import io.veltrix.api.audit.EventDecoder;
import io.veltrix.api.audit.StoredEvent;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.Standing;
import io.veltrix.api.scoring.TeamStanding;
import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.TeamBoardLine;
import io.veltrix.query.leaderboard.Leaderboards;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Replay is the definition of truth: point-in-time boards and {@code verify} fold the hunt's stored
 * events with the shared-api {@link Scoreboard}, the scoring the live projection uses; in a
 * team-mode hunt the boards are the teams'.
 */
@Component
class Audits {

    /**
     * The board as it stood at an instant: {@link BoardLine}s, or in a team-mode hunt
     * {@link TeamBoardLine}s, as the leaderboard serves them.
     */
    record BoardAt(String huntId, Instant asOf, long eventsApplied, long lastIndex, List<?> board) {
    }

    /** One line where the projected board and the replay disagree (null: no line there); lines as in {@link BoardAt}. */
    record Difference(String view, int rank, Object replayed, Object projected) {
    }

    /**
     * {@code chainsIntact}: every link of the hunt's streams holds and every stream still extends
     * every checkpoint; {@code checkpointsHold}: every stored checkpoint is signed with this service's
     * key and the history extends it.
     */
    record Verification(String huntId, long eventsChecked, int streams, boolean chainsIntact,
                        boolean checkpointsHold, boolean boardMatchesReplay, List<BrokenLink> brokenLinks,
                        List<CheckpointCheck.Result> checkpoints, List<Difference> differences) {
    }

    private final AuditTrail trail;
    private final Leaderboards leaderboards;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;

    Audits(AuditTrail trail, Leaderboards leaderboards, Checkpoints checkpoints, CheckpointKey key) {
        this.trail = trail;
        this.leaderboards = leaderboards;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    BoardAt boardAt(String huntId, Instant asOf) {
        Scoreboard board = new Scoreboard(new HuntId(huntId));
        EventDecoder decoder = new EventDecoder();
        long[] counts = {0, -1};
        trail.forEach(huntId, stored -> {
            if (stored.event().timestamp() != null && !stored.event().timestamp().isAfter(asOf)
                    && apply(board, decoder, stored.event())) {
                counts[0]++;
                counts[1] = Math.max(counts[1], stored.event().index());
            }
        });
        return new BoardAt(huntId, asOf, counts[0], counts[1],
                board.teamMode() ? teamLines(board.liveTeams()) : lines(board.live()));
    }

    /** The hunt's events recorded up to {@code until}, folded into one board that answers for any earlier instant. */
    Scoreboard foldUntil(String huntId, Instant until) {
        Scoreboard board = new Scoreboard(new HuntId(huntId));
        EventDecoder decoder = new EventDecoder();
        trail.forEach(huntId, stored -> {
            if (stored.event().timestamp() != null && !stored.event().timestamp().isAfter(until)) {
                apply(board, decoder, stored.event());
            }
        });
        return board;
    }

    /**
     * One pass over the hunt's rows in the event store: every chain from the stored bytes, every
     * checkpoint, and the board they add up to.
     */
    Verification verify(String huntId) {
        ChainCheck chains = new ChainCheck(huntId);
        CheckpointCheck signed = new CheckpointCheck(checkpoints.of(huntId), key.publicKey());
        Scoreboard board = new Scoreboard(new HuntId(huntId));
        EventDecoder decoder = new EventDecoder();
        trail.forEachInStore(huntId, stored -> {
            StoredEvent e = stored.event();
            chains.check(e, stored.payloadBytes());
            signed.see(e);
            if (huntId.equals(e.payload() == null ? null : e.payload().path("huntId").asText(null))) {
                apply(board, decoder, e);
            }
        });
        signed.brokenLinks().forEach(chains::report);
        List<Difference> differences = new ArrayList<>();
        if (board.teamMode()) {
            compare("live", teamLines(board.liveTeams()),
                    projectedTeams(huntId, BoardView.LIVE, board.liveTeams().size()), differences);
            compare("public", teamLines(board.publicTeams()),
                    projectedTeams(huntId, BoardView.PUBLIC, board.publicTeams().size()), differences);
        } else {
            compare("live", lines(board.live()), projected(huntId, BoardView.LIVE, board.live().size()), differences);
            compare("public", lines(board.publicBoard()),
                    projected(huntId, BoardView.PUBLIC, board.publicBoard().size()), differences);
        }
        return new Verification(huntId, chains.eventsChecked(), chains.streams(), chains.intact(), signed.holds(),
                differences.isEmpty(), chains.brokenLinks(), signed.results(), differences);
    }

    /**
     * Folds a stored event, upcast to the current schema, into the board. A row that is no longer a
     * readable event (only tampering makes one: a type, field or time changed) is left out: its
     * chain link reports it.
     */
    private static boolean apply(Scoreboard board, EventDecoder decoder, StoredEvent e) {
        if (e.payload() == null || e.timestamp() == null) {
            return false;
        }
        try {
            board.apply(new IndexedEvent(e.index(), e.timestamp(), decoder.decode(e.type(), e.version(), e.payload())));
            return true;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The projected board, one line more than the replay has so an extra projected line shows. */
    private List<BoardLine> projected(String huntId, BoardView view, int replayedLines) {
        List<BoardLine> lines = new ArrayList<>();
        int page = 1000;
        for (int offset = 0; offset <= replayedLines; offset += page) {
            List<BoardLine> part = leaderboards.page(huntId, view, page, offset);
            lines.addAll(part);
            if (part.size() < page) {
                break;
            }
        }
        return lines;
    }

    /** The projected team board, one line more than the replay has so an extra projected line shows. */
    private List<TeamBoardLine> projectedTeams(String huntId, BoardView view, int replayedLines) {
        List<TeamBoardLine> lines = new ArrayList<>();
        int page = 1000;
        for (int offset = 0; offset <= replayedLines; offset += page) {
            List<TeamBoardLine> part = leaderboards.teamPage(huntId, view, page, offset);
            lines.addAll(part);
            if (part.size() < page) {
                break;
            }
        }
        return lines;
    }

    private static void compare(String view, List<?> replayed, List<?> projected, List<Difference> differences) {
        for (int i = 0; i < Math.max(replayed.size(), projected.size()); i++) {
            Object r = i < replayed.size() ? replayed.get(i) : null;
            Object p = i < projected.size() ? projected.get(i) : null;
            if (r == null || !r.equals(p)) {
                differences.add(new Difference(view, i + 1, r, p));
            }
        }
    }

    static List<TeamBoardLine> teamLines(List<TeamStanding> standings) {
        return standings.stream()
                .map(s -> new TeamBoardLine(s.rank(), s.teamId().value(), s.name(), s.score(), s.cluesFound(),
                        s.lastScoredAt(), s.members().stream()
                                .map(m -> new TeamBoardLine.Member(m.playerId().value(), m.handle())).toList()))
                .toList();
    }

    static List<BoardLine> lines(List<Standing> standings) {
        return standings.stream()
                .map(s -> new BoardLine(s.rank(), s.playerId().value(), s.handle(), s.score(), s.cluesFound(),
                        s.lastScoredAt()))
                .toList();
    }
}
