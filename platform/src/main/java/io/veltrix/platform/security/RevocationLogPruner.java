package io.veltrix.platform.security;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Forgets the entries of a revocation log that no {@link PlayerTokenCache} can still need, on the
 * scheduler's thread, never on a request's path.
 *
 * <p>The log only tells caches which remembered tokens to forget; whether a token is valid is
 * decided by the credential table, whose hash the revocation swapped in the same transaction. A
 * cache remembers a token for at most {@link PlayerTokenCache#MAX_AGE} after it found it, and it
 * can have found the revoked token only before that swap committed; each read of the log goes back
 * {@link PlayerTokenCache#OVERLAP}. So once an entry is older than both together (its time is its
 * transaction's start, and the overlap also covers a slow commit), no cache anywhere can still hold
 * its token, and dropping the entry changes no answer: the token stays refused by the lookup.
 */
public final class RevocationLogPruner {

    private static final Logger log = LoggerFactory.getLogger(RevocationLogPruner.class);

    /** The revocation log of one service's player tokens. */
    @FunctionalInterface
    public interface PrunableLog {

        /** Deletes the entries revoked longer than {@code age} ago (the database's clock); how many. */
        int forgetRevokedBefore(Duration age);
    }

    private final PrunableLog revocations;
    private final Duration retention;

    /** Refuses a retention under {@link #minimumRetention()}: caches could still hold its tokens. */
    public RevocationLogPruner(PrunableLog revocations, Duration retention) {
        if (retention.compareTo(minimumRetention()) < 0) {
            throw new IllegalArgumentException("veltrix.security.player-token-revocation-retention must be at least "
                    + minimumRetention() + " (a token cache may remember a revoked token that long), not " + retention);
        }
        this.revocations = revocations;
        this.retention = retention;
    }

    /** The shortest retention that no token cache can notice. */
    public static Duration minimumRetention() {
        return PlayerTokenCache.MAX_AGE.plus(PlayerTokenCache.OVERLAP);
    }

    /** Deletes the entries older than the retention; how many (0 while the database is away). */
    @Scheduled(fixedDelayString = "${veltrix.security.player-token-revocation-prune-every}",
            initialDelayString = "${veltrix.security.player-token-revocation-prune-every}")
    public int prune() {
        try {
            int removed = revocations.forgetRevokedBefore(retention);
            if (removed > 0) {
                log.info("forgot {} revoked player tokens older than {}", removed, retention);
            }
            return removed;
        } catch (RuntimeException e) {
            // the database is away: the entries wait for the next run
            log.warn("could not prune the revocation log of player tokens: {}", e.toString());
            return 0;
        }
    }
}
