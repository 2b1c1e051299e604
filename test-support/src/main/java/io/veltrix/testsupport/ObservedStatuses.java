package io.veltrix.testsupport;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;

/**
 * Records every status a service under test answers, by method and path, for the whole test JVM:
 * imported into the services' test contexts as the first filter of the chain (before admission
 * control, CORS and the hot path), so the suites' requests tell which statuses each endpoint
 * really gives, and {@link OpenApiStatuses} checks the OpenAPI document lists them all.
 */
public class ObservedStatuses implements Filter, Ordered {

    /** One answer: the request's method and path (no query) and the status sent. */
    public record Observed(String method, String path, int status) {
    }

    private static final Set<Observed> SEEN = ConcurrentHashMap.newKeySet();

    public static List<Observed> all() {
        return List.copyOf(SEEN);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
                    && !http.isAsyncStarted()) {
                SEEN.add(new Observed(http.getMethod(), http.getRequestURI(), answer.getStatus()));
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
