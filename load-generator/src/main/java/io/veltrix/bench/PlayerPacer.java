package io.veltrix.bench;

/**
 * Keeps each player under the command service's per-player submission limit (a token bucket
 * per player, mirrored on the client with a lower rate), so 429s in the report mean lockouts or a
 * server that disagrees, not a generator that hammered one player.
 */
final class PlayerPacer {

    private final double ratePerNano;
    private final double burst;
    private final double[] tokens;
    private final long[] updatedAt;

    PlayerPacer(int players, double ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = new double[players];
        this.updatedAt = new long[players];
        java.util.Arrays.fill(tokens, burst);
        java.util.Arrays.fill(updatedAt, nowNanos);
    }

    /** Takes one submission for {@code player} if its bucket allows one now. */
    synchronized boolean tryAcquire(int player, long nowNanos) {
        double refilled = Math.min(burst, tokens[player] + (nowNanos - updatedAt[player]) * ratePerNano);
        updatedAt[player] = nowNanos;
        if (refilled >= 1) {
            tokens[player] = refilled - 1;
            return true;
        }
        tokens[player] = refilled;
        return false;
    }
}
