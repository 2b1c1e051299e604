package io.veltrix.query.live;

import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.RecentFind;
import java.time.Instant;
import java.util.List;

/**
 * What a live-board subscriber receives: the public top of the board, the latest finds, and how
 * many finds the public board counts ({@code finds}: clues found by its players or teams, frozen
 * with it).
 */
public record LiveBoard(String huntId, long version, Instant frozenAt, List<BoardLine> board, List<RecentFind> recent,
                        int finds) {
}
