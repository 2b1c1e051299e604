package io.veltrix.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the player a Bearer token belongs to, remembering up to {@code cacheSize} tokens found, so
 * a player's requests after the first skip the database lookup. Unknown tokens are not remembered:
 * a token registered a moment ago is found on its first use.
 *
 * <p>Tokens can be revoked, on any instance of either service. At most every {@code revocationPoll}
 * the first request to arrive has the revocation log read (one query, whatever the number of
 * players) on a thread of its own, which forgets the tokens revoked since the previous read; so an
 * instance accepts a revoked token for at most {@code revocationPoll} plus one read of the log after
 * the revocation is committed to its table. The read is never on the request's path: while the
 * database is away it would hold that request for the pool's whole connection wait before the
 * request's own work waits for it again. Each read goes back {@link #OVERLAP} before the previous
 * one's database time, so a revocation committed late (its time is its transaction's start) or a
 * token remembered just after the read that forgot it is still caught by the next reads.
 */
public final class PlayerTokenCache {

    private static final Logger log = LoggerFactory.getLogger(PlayerTokenCache.class);

    /** Longer than any token Veltrix issues; such a header is refused without a lookup. */
    static final int MAX_TOKEN_LENGTH = 200;

    /** How far each read of the revocation log goes back before the previous read. */
    static final Duration OVERLAP = Duration.ofSeconds(60);

    /** A remembered token is looked up again after this at the latest, whatever the log says. */
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final PlayerTokens tokens;
    private final TokenRevocations revocations;
    private final long pollNanos;
    private final Cache<String, PlayerPrincipal> known;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final Executor reads;
    private volatile long nextReadAt;
    private volatile Instant readFrom;

    public PlayerTokenCache(PlayerTokens tokens, TokenRevocations revocations, long cacheSize, Duration revocationPoll) {
        this(tokens, revocations, cacheSize, revocationPoll, Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "player-token-revocations");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** As above, the log read by {@code reads} (tests read it on the calling thread). */
    PlayerTokenCache(PlayerTokens tokens, TokenRevocations revocations, long cacheSize, Duration revocationPoll,
                     Executor reads) {
        this.reads = reads;
        this.tokens = tokens;
        this.revocations = revocations;
        this.pollNanos = revocationPoll.toNanos();
        this.known = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(MAX_AGE).build();
        this.readFrom = Instant.now().minus(OVERLAP);
        this.nextReadAt = System.nanoTime();
    }

    /** The token's player, empty when the token is blank, too long, unknown or revoked. */
    public Optional<PlayerPrincipal> find(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        catchUpWithRevocations();
        String tokenHash = PlayerTokens.hash(token);
        PlayerPrincipal cached = known.getIfPresent(tokenHash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PlayerPrincipal> found = tokens.findByTokenHash(tokenHash);
        found.ifPresent(player -> known.put(tokenHash, player));
        return found;
    }

    /** Has the revocation log read when it is due and no read is under way. */
    void catchUpWithRevocations() {
        long now = System.nanoTime();
        if (now - nextReadAt < 0 || !reading.compareAndSet(false, true)) {
            return;
        }
        try {
            reads.execute(this::readRevocations);
        } catch (RuntimeException rejected) {
            reading.set(false);
        }
    }

    private void readRevocations() {
        try {
            TokenRevocations.Revoked revoked = revocations.revokedAfter(readFrom);
            revoked.tokenHashes().forEach(known::invalidate);
            readFrom = revoked.asOf().minus(OVERLAP);
        } catch (RuntimeException e) {
            // the database is away: lookups fail too; read again at the next interval
            log.warn("could not read the revocation log of player tokens: {}", e.toString());
        } finally {
            nextReadAt = System.nanoTime() + pollNanos;
            reading.set(false);
        }
    }
}
