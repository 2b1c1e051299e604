package io.veltrix.query.replay;

import io.veltrix.query.Projections;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While a projection is rebuilt its read model is incomplete: every API answer then carries
 * {@code Veltrix-Rebuilding: <projections>}, so clients can show "board rebuilding" instead of
 * taking a half-built board for the truth.
 */
@Component
class RebuildingNotice extends OncePerRequestFilter {

    static final String HEADER = "Veltrix-Rebuilding";

    private final ProjectionReplays replays;

    RebuildingNotice(ProjectionReplays replays) {
        this.replays = replays;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (replays.anyReplaying()) {
            // each group rebuilds every projection it runs
            Set<String> rebuilding = replays.replaying().stream().flatMap(group -> Projections.projectionsOf(group).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!rebuilding.isEmpty()) {
                response.setHeader(HEADER, String.join(",", rebuilding));
            }
        }
        chain.doFilter(request, response);
    }
}
