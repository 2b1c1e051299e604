package io.veltrix.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * Finds the player a Bearer token belongs to, remembering up to {@code cacheSize} tokens found (a
 * token never changes owner and is never revoked), so a player's requests after the first skip the
 * database lookup. Unknown tokens are not remembered: a token registered a moment ago is found on
 * its first use.
 */
public final class PlayerTokenCache {

    /** Longer than any token Veltrix issues; such a header is refused without a lookup. */
    static final int MAX_TOKEN_LENGTH = 200;

    private final PlayerTokens tokens;
    private final Cache<String, PlayerPrincipal> known;

    public PlayerTokenCache(PlayerTokens tokens, long cacheSize) {
        this.tokens = tokens;
        this.known = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /** The token's player, empty when the token is blank, too long or unknown. */
    public Optional<PlayerPrincipal> find(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String tokenHash = PlayerTokens.hash(token);
        PlayerPrincipal cached = known.getIfPresent(tokenHash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PlayerPrincipal> found = tokens.findByTokenHash(tokenHash);
        found.ifPresent(player -> known.put(tokenHash, player));
        return found;
    }
}
