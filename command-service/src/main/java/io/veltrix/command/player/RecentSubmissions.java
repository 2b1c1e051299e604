package io.veltrix.command.player;

import java.time.Instant;

/**
 * When a player's latest submissions were recorded (at most {@link #KEPT}), taken from the events
 * themselves: every command-service instance that loads the player sees the same ones.
 */
final class RecentSubmissions {

    static final int KEPT = 64;

    private final long[] epochMillis = new long[KEPT];
    private int count;
    private int next;

    void add(Instant at) {
        epochMillis[next] = at.toEpochMilli();
        next = (next + 1) % KEPT;
        if (count < KEPT) {
            count++;
        }
    }

    /** The {@code n}-th latest submission (1: the latest), or null when there were fewer. */
    Instant latest(int n) {
        if (n < 1 || n > count) {
            return null;
        }
        return Instant.ofEpochMilli(epochMillis[Math.floorMod(next - n, KEPT)]);
    }
}
