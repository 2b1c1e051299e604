package io.veltrix.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <player token>} as a {@link PlayerPrincipal}. */
public class PlayerTokenFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final PlayerTokenCache tokens;
    private final AuthenticationEntryPoint entryPoint;

    public PlayerTokenFilter(PlayerTokenCache tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    /**
     * The token of the request's {@code Authorization: Bearer} header (the scheme in any case, the
     * token trimmed); null when it carries no such header. The hot paths read it the same way.
     */
    public static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearerToken(request);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        var player = tokens.find(token);
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
}
