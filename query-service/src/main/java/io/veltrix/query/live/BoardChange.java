package io.veltrix.query.live;

import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.RecentFind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed from one live board of a hunt to the next, for watchers that keep the board
 * themselves: the lines whose content differs, by position, and the finds new to the ticker. A
 * watcher holding the board of version {@code base} gets the board of {@code version} by setting
 * its line count to {@code size}, putting each changed line at its position, and keeping the first
 * {@code recentSize} of {@code recent} followed by its old ticker; {@code finds} is the new board's
 * count of finds.
 */
record BoardChange(String huntId, long version, long base, Instant frozenAt, int size, List<ChangedLine> lines,
                  List<RecentFind> recent, int recentSize, int finds) {

    /** A board line that is new or different at this position. */
    record ChangedLine(int at, BoardLine line) {
    }

    static BoardChange between(LiveBoard previous, LiveBoard next) {
        List<BoardLine> before = previous.board();
        List<BoardLine> after = next.board();
        List<ChangedLine> changed = new ArrayList<>();
        for (int at = 0; at < after.size(); at++) {
            if (at >= before.size() || !after.get(at).equals(before.get(at))) {
                changed.add(new ChangedLine(at, after.get(at)));
            }
        }
        List<RecentFind> recent = next.recent();
        int fresh = freshFinds(previous.recent(), recent);
        return new BoardChange(next.huntId(), next.version(), previous.version(), next.frozenAt(), after.size(),
                changed, List.copyOf(recent.subList(0, fresh)), recent.size(), next.finds());
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
