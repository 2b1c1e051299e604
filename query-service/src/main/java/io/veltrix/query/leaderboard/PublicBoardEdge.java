package io.veltrix.query.leaderboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The spectators' hot path: an anonymous {@code GET /api/hunts/{id}/leaderboard} whose page
 * {@link BoardPages} holds (read within twice {@code veltrix.query.board-cache-ms}, and read again
 * in the background once older than it) is answered here, before security, metrics and
 * MVC, with the bytes and headers the full chain gave it. Everything else, including the first
 * read of a page, any credentials and any unusual parameter, goes down the chain, which decides
 * and fills {@link BoardPages}. Answers given here are counted by {@code veltrix.board.edge.hits}
 * instead of {@code http.server.requests}.
 */
final class PublicBoardEdge extends HttpFilter {

    static final String HITS = "veltrix.board.edge.hits";
    private static final String PREFIX = "/api/hunts/";
    private static final String SUFFIX = "/leaderboard";
    /** What Spring Security's default header writers add to every response of the chain. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
            "Pragma", "no-cache",
            "Expires", "0",
            "X-Frame-Options", "DENY");

    private final BoardPages pages;
    private final int defaultLimit;
    private final Counter hits;

    PublicBoardEdge(BoardPages pages, int defaultLimit, MeterRegistry registry) {
        this.pages = pages;
        this.defaultLimit = defaultLimit;
        this.hits = Counter.builder(HITS).description("public board reads answered from recent pages, before security and MVC")
                .register(registry);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] page = "GET".equals(request.getMethod()) && request.getHeader("Authorization") == null
                ? recentPublicPage(request) : null;
        if (page == null) {
            chain.doFilter(request, response);
            return;
        }
        hits.increment();
        response.setStatus(HttpServletResponse.SC_OK);
        SECURITY_HEADERS.forEach(response::setHeader);
        response.setContentType("application/json");
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }

    private byte[] recentPublicPage(HttpServletRequest request) {
        String uri = request.getRequestURI();
        if (!uri.startsWith(PREFIX) || !uri.endsWith(SUFFIX) || uri.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String huntId = uri.substring(PREFIX.length(), uri.length() - SUFFIX.length());
        for (int i = 0; i < huntId.length(); i++) {
            char c = huntId.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-')) {
                return null; // encoded, nested or odd paths: the chain knows best
            }
        }
        int limit = defaultLimit;
        int offset = 0;
        String query = request.getQueryString();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                int value = eq < 0 ? -1 : digits(pair.substring(eq + 1));
                if (value < 0) {
                    return null;
                }
                switch (name) {
                    case "limit" -> limit = value;
                    case "offset" -> offset = value;
                    default -> {
                        return null;
                    }
                }
            }
        }
        return pages.recentPage(new BoardPages.PageKey(huntId, BoardView.PUBLIC, limit, offset));
    }

    /** A small non-negative decimal, or -1. */
    private static int digits(String text) {
        if (text.isEmpty() || text.length() > 6) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
