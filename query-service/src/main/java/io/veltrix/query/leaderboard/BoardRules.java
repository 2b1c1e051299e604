package io.veltrix.query.leaderboard;

import java.time.Instant;

/** What a hunt's board scores by, as stored: the first-finder bonus and the freeze instant (null: not frozen). */
record BoardRules(int bonus, Instant frozenAt) {
}
