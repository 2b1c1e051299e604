package io.veltrix.query.leaderboard;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.web.Texts;
import io.veltrix.query.Viewer;
import io.veltrix.query.hunt.Hunts;
import io.veltrix.query.organizer.HuntStaff;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** The board: public (frozen) for everyone, live for the hunt's staff; the players and the CSV export for its organizers. */
@RestController
@RequestMapping("/api/hunts/{huntId}")
class LeaderboardController {

    /** A handle has at most 32 characters: a longer search can match nothing. */
    private static final int MAX_SEARCH = 64;

    private final Leaderboards leaderboards;
    private final BoardPages pages;
    private final Hunts hunts;
    private final HuntStaff staff;
    private final int maxPage;

    LeaderboardController(Leaderboards leaderboards, BoardPages pages, Hunts hunts, HuntStaff staff,
                          @Value("${veltrix.query.max-page-size}") int maxPage) {
        this.staff = staff;
        this.leaderboards = leaderboards;
        this.pages = pages;
        this.hunts = hunts;
        this.maxPage = maxPage;
    }

    @GetMapping(value = "/leaderboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "the board, ranked",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = BoardLine.class))))
    ResponseEntity<byte[]> leaderboard(@PathVariable String huntId, @RequestParam(defaultValue = BoardPages.DEFAULT_LIMIT) int limit,
                                       @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        Viewer.checkPage(limit, offset, maxPage);
        requireHunt(huntId);
        BoardView view = staff.boardView(auth, huntId);
        byte[] page = pages.page(new BoardPages.PageKey(huntId, view, limit, offset));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    @GetMapping(value = "/leaderboard.csv", produces = "text/csv")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "every player, live, disqualified ones last and unranked",
            content = @Content(mediaType = "text/csv"))
    void csv(@PathVariable String huntId, HttpServletResponse response, Authentication auth) throws IOException {
        // before looking the hunt up: an organizer learns nothing of hunts that are not its own
        if (!staff.organizes(auth, huntId)) {
            throw RuleViolation.forbidden("not-your-hunt", "only an organizer of this hunt or an admin may export it");
        }
        requireHunt(huntId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"leaderboard-" + huntId.replaceAll("[^A-Za-z0-9-]", "") + ".csv\"");
        leaderboards.writeCsv(huntId, response.getWriter());
    }

    @GetMapping(value = "/players", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the hunt's players, live order, disqualified ones last",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = RosterLine.class))))
    List<RosterLine> players(@PathVariable String huntId, @RequestParam(defaultValue = "") String search,
                             @RequestParam(defaultValue = BoardPages.DEFAULT_LIMIT) int limit,
                             @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        // before looking the hunt up: an organizer learns nothing of hunts that are not its own
        if (!staff.organizes(auth, huntId)) {
            throw RuleViolation.forbidden("not-your-hunt", "only an organizer of this hunt or an admin may list its players");
        }
        Viewer.checkPage(limit, offset, maxPage);
        String part = Texts.optional("search", search, MAX_SEARCH, false);
        requireHunt(huntId);
        return leaderboards.roster(huntId, part == null ? "" : part.strip(), limit, offset);
    }

    private void requireHunt(String huntId) {
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
    }
}
