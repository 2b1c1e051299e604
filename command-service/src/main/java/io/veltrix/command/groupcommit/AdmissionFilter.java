package io.veltrix.command.groupcommit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a find or a registration with 503 + Retry-After before anything is spent on it (no
 * authentication, no body parsing) while the group commit is {@linkplain GroupCommit#saturated()
 * saturated}: under overload a fast "try again" serves a player better than an answer that comes
 * after their phone gave up, and it leaves the CPU to the requests that are accepted.
 */
public final class AdmissionFilter extends OncePerRequestFilter {

    private final GroupCommit groupCommit;
    private final byte[] body;

    public AdmissionFilter(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
        this.body = ("{\"type\":\"https://veltrix.io/problems/overloaded\",\"title\":\"Service Unavailable\","
                + "\"status\":503,\"detail\":\"" + groupCommit.overloaded().getMessage() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !isHotPath(request.getRequestURI());
    }

    /** {@code /api/hunts/{huntId}/finds} and {@code /api/hunts/{huntId}/players}. */
    static boolean isHotPath(String path) {
        if (!path.startsWith("/api/hunts/")) {
            return false;
        }
        int slash = path.indexOf('/', "/api/hunts/".length());
        if (slash < 0) {
            return false;
        }
        String rest = path.substring(slash);
        return rest.equals("/finds") || rest.equals("/players");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!groupCommit.saturated()) {
            chain.doFilter(request, response);
            return;
        }
        groupCommit.countShed();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(groupCommit.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
