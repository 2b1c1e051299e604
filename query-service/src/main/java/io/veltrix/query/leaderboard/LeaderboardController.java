package io.veltrix.query.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.query.Viewer;
import io.veltrix.query.hunt.Hunts;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The board: public (frozen) for everyone, live for staff; CSV export for organizers. */
@RestController
@RequestMapping("/api/hunts/{huntId}")
class LeaderboardController {

    private final Leaderboards leaderboards;
    private final Hunts hunts;
    private final int maxPage;
    private final ObjectMapper json;
    /**
     * Pages recently read, as the JSON sent: thousands of spectators asking for the same top 50
     * share one query and one serialization.
     */
    private final Cache<PageKey, byte[]> recentPages;

    private record PageKey(String huntId, BoardView view, int limit, int offset) {
    }

    LeaderboardController(Leaderboards leaderboards, Hunts hunts, ObjectMapper json,
                          @Value("${veltrix.query.max-page-size}") int maxPage,
                          @Value("${veltrix.query.board-cache-ms:100}") long boardCacheMillis) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.hunts = hunts;
        this.maxPage = maxPage;
        this.recentPages = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(Duration.ofMillis(Math.max(0, boardCacheMillis))).build();
    }

    @GetMapping(value = "/leaderboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "the board, ranked",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = BoardLine.class))))
    ResponseEntity<byte[]> leaderboard(@PathVariable String huntId, @RequestParam(defaultValue = "50") int limit,
                                       @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        Viewer.checkPage(limit, offset, maxPage);
        requireHunt(huntId);
        BoardView view = Viewer.boardView(auth);
        byte[] page = recentPages.get(new PageKey(huntId, view, limit, offset),
                key -> serialize(leaderboards.page(huntId, view, limit, offset)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    private byte[] serialize(List<BoardLine> lines) {
        try {
            return json.writeValueAsBytes(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a board page is always serializable", e);
        }
    }

    @GetMapping(value = "/leaderboard.csv", produces = "text/csv")
    void csv(@PathVariable String huntId, HttpServletResponse response) throws IOException {
        requireHunt(huntId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"leaderboard-" + huntId.replaceAll("[^A-Za-z0-9-]", "") + ".csv\"");
        leaderboards.writeCsv(huntId, response.getWriter());
    }

    private void requireHunt(String huntId) {
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
    }
}
