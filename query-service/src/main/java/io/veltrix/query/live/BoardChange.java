package io.veltrix.query.live;

import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.RecentFind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed from one live board of a hunt to the next, for watchers that keep the board
 * themselves: the runs of lines that moved, the lines that are new or different, and the finds new
 * to the ticker. A watcher holding the board of version {@code base} gets the board of
 * {@code version} from it by
 * <ol>
 * <li>keeping its first {@code size} lines (the board may have grown: the new places are filled
 * below);</li>
 * <li>for each run of {@code moved}, putting the held board's lines {@code from} to
 * {@code from + count - 1} at {@code at} to {@code at + count - 1}, each line's rank changed by
 * {@code at - from} (a climb past twenty players is one line and one run, not twenty-one lines:
 * the places it pushed down keep their players);</li>
 * <li>putting each of {@code lines} at its position;</li>
 * <li>keeping the first {@code recentSize} of {@code recent} followed by its old ticker.</li>
 * </ol>
 * Moved lines are always read from the held board as it was, before any of these steps wrote to
 * it. {@code finds} is the new board's count of finds. A change for watchers that do not read
 * moved runs (those that asked for changes before the runs existed) has none: every line not
 * where it was is in {@code lines}.
 */
record BoardChange(String huntId, long version, long base, Instant frozenAt, int size, List<MovedLines> moved,
                  List<ChangedLine> lines, List<RecentFind> recent, int recentSize, int finds) {

    /** A board line that is new or different at this position. */
    record ChangedLine(int at, BoardLine line) {
    }

    /** {@code count} lines of the previous board, from position {@code from}, now at {@code at}. */
    record MovedLines(int at, int from, int count) {
    }

    /** The change from {@code previous} to {@code next}; {@code withMoves}: lines that only moved are sent as runs. */
    static BoardChange between(LiveBoard previous, LiveBoard next, boolean withMoves) {
        List<BoardLine> before = previous.board();
        List<BoardLine> after = next.board();
        Map<String, Integer> placeBefore = new HashMap<>();
        for (int at = 0; withMoves && at < before.size(); at++) {
            placeBefore.putIfAbsent(before.get(at).playerId(), at);
        }
        List<MovedLines> moved = new ArrayList<>();
        List<ChangedLine> changed = new ArrayList<>();
        for (int at = 0; at < after.size(); at++) {
            BoardLine line = after.get(at);
            if (at < before.size() && line.equals(before.get(at))) {
                continue;
            }
            Integer from = withMoves ? placeBefore.get(line.playerId()) : null;
            if (from != null && from != at && line.equals(shifted(before.get(from), at - from))) {
                MovedLines last = moved.isEmpty() ? null : moved.get(moved.size() - 1);
                if (last != null && last.at() + last.count() == at && last.from() + last.count() == from) {
                    moved.set(moved.size() - 1, new MovedLines(last.at(), last.from(), last.count() + 1));
                } else {
                    moved.add(new MovedLines(at, from, 1));
                }
            } else {
                changed.add(new ChangedLine(at, line));
            }
        }
        List<RecentFind> recent = next.recent();
        int fresh = freshFinds(previous.recent(), recent);
        return new BoardChange(next.huntId(), next.version(), previous.version(), next.frozenAt(), after.size(),
                moved, changed, List.copyOf(recent.subList(0, fresh)), recent.size(), next.finds());
    }

    /** The line as it reads once moved {@code by} places (down: positive): the same but its rank. */
    static BoardLine shifted(BoardLine line, int by) {
        return new BoardLine(line.rank() + by, line.playerId(), line.handle(), line.score(), line.cluesFound(),
                line.lastScoredAt());
    }

    /**
     * How many of the newest finds are new: the smallest count after which the ticker continues
     * exactly as the old one began (all of them when it does not, e.g. once a freeze hides finds).
     */
    private static int freshFinds(List<RecentFind> before, List<RecentFind> after) {
        for (int fresh = 0; fresh < after.size(); fresh++) {
            if (continues(before, after, fresh)) {
                return fresh;
            }
        }
        return after.size();
    }

    private static boolean continues(List<RecentFind> before, List<RecentFind> after, int fresh) {
        int kept = after.size() - fresh;
        if (kept > before.size()) {
            return false;
        }
        for (int i = 0; i < kept; i++) {
            if (!after.get(fresh + i).equals(before.get(i))) {
                return false;
            }
        }
        return true;
    }
}
