package io.veltrix.query.leaderboard;

import java.time.Instant;

/** A find for the live ticker. */
public record RecentFind(String handle, String clueTitle, int points, Instant at) {
}
