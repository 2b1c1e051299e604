package io.veltrix.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <player token>} as a {@link PlayerPrincipal}. */
public class PlayerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final PlayerTokens tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final Cache<String, PlayerPrincipal> known;

    /**
     * Remembers up to {@code cacheSize} tokens found (a token never changes owner and is never
     * revoked), so a player's requests after the first skip the database lookup. Unknown tokens
     * are not remembered: a token registered a moment ago is found on its first use.
     */
    public PlayerTokenFilter(PlayerTokens tokens, AuthenticationEntryPoint entryPoint, long cacheSize) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.known = Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(BEARER.length()).trim();
        var player = token.isEmpty() || token.length() > 200
                ? Optional.<PlayerPrincipal>empty()
                : find(PlayerTokens.hash(token));
        if (player.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown player token"));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(player.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + Roles.PLAYER)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    private Optional<PlayerPrincipal> find(String tokenHash) {
        PlayerPrincipal cached = known.getIfPresent(tokenHash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PlayerPrincipal> found = tokens.findByTokenHash(tokenHash);
        found.ifPresent(player -> known.put(tokenHash, player));
        return found;
    }
}
