package io.veltrix.api.scoring;

import java.time.Instant;
import java.util.Comparator;

/**
 * What decides a player's place: score (higher first), then the instant the player reached that
 * score (earlier first; a player who never changed score reached it at registration), then
 * registration order (global index of PlayerRegistered).
 */
public record RankKey(int score, Instant reachedAt, long registrationIndex) implements Comparable<RankKey> {

    /** The ranking order; a read model's ORDER BY must mirror it. */
    public static final Comparator<RankKey> ORDER = Comparator
            .comparingInt(RankKey::score).reversed()
            .thenComparing(RankKey::reachedAt)
            .thenComparingLong(RankKey::registrationIndex);

    public static RankKey of(Tally tally, Instant registeredAt, long registrationIndex) {
        return new RankKey(tally.score(), tally.lastScoredAt() != null ? tally.lastScoredAt() : registeredAt,
                registrationIndex);
    }

    @Override
    public int compareTo(RankKey other) {
        return ORDER.compare(this, other);
    }
}
