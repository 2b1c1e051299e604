package io.veltrix.query.leaderboard;

/** Which board a reader sees: the public one honours a freeze, staff see live standings. */
public enum BoardView {
    PUBLIC, LIVE
}
