package io.veltrix.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 + Retry-After for a request that failed in a filter because the database is away:
 * a player token not yet cached, for one, is looked up before any handler runs, where the MVC
 * advice ({@link ApiProblems}) cannot map the failure, and the servlet container would answer 500.
 */
public final class DatabaseOutageFilter extends OncePerRequestFilter {

    private final ApiProblems problems;

    public DatabaseOutageFilter(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            problems.writeDatabaseUnavailable(request, response, e);
        }
    }
}
