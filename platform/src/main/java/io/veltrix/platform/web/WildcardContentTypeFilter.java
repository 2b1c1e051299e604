package io.veltrix.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose body is declared as a wildcard type ({@code *}{@code /*},
 * {@code application/*}) with 415: such a type names no format, and Spring MVC, reading the
 * header to pick a body reader, throws on it an error that would otherwise be answered as a 500.
 */
public class WildcardContentTypeFilter extends OncePerRequestFilter {

    private final ApiProblems problems;

    public WildcardContentTypeFilter(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getContentType())) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-type",
                    "Content-Type must name one format (application/json), not a wildcard");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparseable) {
            // Spring MVC answers an unparseable type with 415 itself
            return false;
        }
    }
}
