package io.veltrix.query.live;

import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.RecentFind;
import java.time.Instant;
import java.util.List;

/** What a live-board subscriber receives: the public top of the board and the latest finds. */
public record LiveBoard(String huntId, long version, Instant frozenAt, List<BoardLine> board, List<RecentFind> recent) {
}
