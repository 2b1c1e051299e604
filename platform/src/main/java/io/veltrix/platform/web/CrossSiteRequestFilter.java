package io.veltrix.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state changes a browser makes on behalf of a foreign site (403): browsers mark every
 * request with {@code Sec-Fetch-Site}, and a form or script on another site sends
 * {@code cross-site}. Together with the 401 answer that never challenges for Basic (so browsers
 * never prompt for and keep staff credentials to send on their own), a foreign page cannot end a
 * hunt or start a replay through a staff member's browser. Programs (curl, the load generator,
 * servers) send no such header and are not affected; reads are not either.
 */
public class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiProblems problems;

    public CrossSiteRequestFilter(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!READS.contains(request.getMethod()) && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "cross-site-request",
                    "state changes are not accepted from another site's page");
            return;
        }
        chain.doFilter(request, response);
    }
}
