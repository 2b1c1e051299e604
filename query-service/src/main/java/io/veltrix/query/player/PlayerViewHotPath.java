package io.veltrix.query.player;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokenCache;
import io.veltrix.platform.security.PlayerTokenFilter;
import io.veltrix.platform.web.ApiProblems;
import io.veltrix.platform.web.DatabaseUnavailable;
import io.veltrix.platform.web.DirectAnswers;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.replay.ProjectionReplays;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A player reading their own view, the request every player page repeats while its player hunts,
 * answered without Spring Security's filter chain and Spring MVC's dispatch, which took most of
 * the query service's CPU per such read (JFR, 45 reads a second): the same token cache as the
 * security chain, the same {@link PlayerViews#view} with the public board's ranks (a player is no
 * organizer), Spring Security's default headers.
 *
 * <p>It takes only what the full stack answers 200 the same way: {@code GET
 * /api/hunts/{huntId}/players/{playerId}} without a query string or percent-escapes, over plain
 * HTTP (the full stack adds HSTS over TLS), asking for JSON or anything, with the Bearer token of
 * that very player, while no projection replays (the full stack then adds {@code
 * Veltrix-Rebuilding}), for a player the view has. Anything else, a staff reader, another player's
 * token or one of no player (403, 401) or a player not projected yet (404), goes on to the full
 * stack. Its timings, up to the answer's writing, are the {@code veltrix.hot.requests} meter, as
 * the full stack's are {@code http.server.requests}.
 */
public final class PlayerViewHotPath extends OncePerRequestFilter {

    private static final String HUNTS = "/api/hunts/";
    private static final String PLAYERS = "/players/";

    private final PlayerViews views;
    private final PlayerTokenCache tokens;
    private final ProjectionReplays replays;
    private final ObjectMapper json;
    private final ApiProblems problems;
    private final Timer reads;

    public PlayerViewHotPath(PlayerViews views, PlayerTokenCache tokens, ProjectionReplays replays, ObjectMapper json,
                             ApiProblems problems, MeterRegistry meters) {
        this.views = views;
        this.tokens = tokens;
        this.replays = replays;
        this.json = json;
        this.problems = problems;
        this.reads = Timer.builder("veltrix.hot.requests").tag("request", "player-view").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getQueryString() != null || request.isSecure()
                || !acceptsJson(request.getHeader("Accept"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        PlayerPrincipal player = ownViewRequested(request);
        if (player == null || replays.anyReplaying()) {
            chain.doFilter(request, response);
            return;
        }
        ResponseEntity<?> answer;
        try {
            Optional<PlayerView> view = views.view(player.huntId(), player.playerId(), BoardView.PUBLIC);
            if (view.isEmpty()) {
                chain.doFilter(request, response); // the full stack words the 404
                return;
            }
            answer = ResponseEntity.ok(view.get());
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.isCause(e)) {
                throw e; // answered 503 by DatabaseOutageFilter, as the full stack's would be
            }
            answer = problems.unexpected(e);
        }
        // timed before the answer leaves: once a client has it, the meter counts it
        reads.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        DirectAnswers.write(request, response, answer, json);
    }

    /** The player whose token the request carries, if the path is that player's own view; else null. */
    private PlayerPrincipal ownViewRequested(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (!path.startsWith(HUNTS) || path.indexOf('%') >= 0) {
            return null;
        }
        int huntEnd = path.indexOf('/', HUNTS.length());
        if (huntEnd <= HUNTS.length() || !path.startsWith(PLAYERS, huntEnd)) {
            return null;
        }
        int playerStart = huntEnd + PLAYERS.length();
        if (playerStart >= path.length() || path.indexOf('/', playerStart) >= 0) {
            return null;
        }
        String token = PlayerTokenFilter.bearerToken(request);
        PlayerPrincipal player = token == null ? null : tokens.find(token).orElse(null);
        return player != null && path.substring(HUNTS.length(), huntEnd).equals(player.huntId())
                && path.substring(playerStart).equals(player.playerId()) ? player : null;
    }

    /** No Accept header, any type, or JSON: what the full stack answers with JSON. */
    private static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String type = accept.trim();
        return type.equals("*/*") || type.equals(MediaType.APPLICATION_JSON_VALUE);
    }
}
