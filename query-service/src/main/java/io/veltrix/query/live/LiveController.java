package io.veltrix.query.live;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.query.audit.ScoreHistory;
import io.veltrix.query.hunt.HuntSummary;
import io.veltrix.query.hunt.Hunts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The board as a stream of server-sent events, its score history, and the big-screen page that shows them. */
@Controller
class LiveController {

    private static final int STREAM_BUFFER_BYTES = 1024;
    private static final String DEFAULT_HISTORY_POINTS = "60";
    private static final int MAX_HISTORY_POINTS = 240;

    private final LiveBoards liveBoards;
    private final Hunts hunts;
    private final StreamQuota quota;
    private final ClientAddresses clientAddresses;
    private final ScoreHistory history;

    LiveController(LiveBoards liveBoards, Hunts hunts, StreamQuota quota, ClientAddresses clientAddresses,
                   ScoreHistory history) {
        this.clientAddresses = clientAddresses;
        this.liveBoards = liveBoards;
        this.hunts = hunts;
        this.quota = quota;
        this.history = history;
    }

    /**
     * Thousands of watchers stay connected at once, so the stream bypasses Spring's emitter and
     * writes pre-encoded frames on the servlet's non-blocking output (see {@link LiveStream}). Each
     * stream holds a place of the {@link StreamQuota} until it ends. With {@code changes=true} the
     * watcher gets the whole board once and then only what changed ({@link BoardChange}); with
     * {@code moves=true} as well, lines that only changed places come as runs of moved lines. The
     * runs are asked for rather than always sent: a client that does not know them would take a
     * change without its moved lines for the whole change, and a build that does not know them
     * ignores the parameter and sends the lines.
     */
    @GetMapping(value = "/api/hunts/{huntId}/leaderboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String huntId, @RequestParam(defaultValue = "false") boolean changes,
                @RequestParam(defaultValue = "false") boolean moves,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
        // behind our reverse proxies, the client the proxy names, not the proxy
        Runnable release = quota.acquire(clientAddresses.of(request));
        try {
            LiveStream.Takes takes = !changes ? LiveStream.Takes.BOARDS
                    : moves ? LiveStream.Takes.MOVES : LiveStream.Takes.CHANGES;
            open(huntId, takes, request, response, release);
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private void open(String huntId, LiveStream.Takes takes, HttpServletRequest request, HttpServletResponse response, Runnable release)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // proxies such as nginx pass frames on at once
        // Frames are written whole and flushed at once: a small response buffer means the server
        // keeps no aggregation buffer per watcher (Jetty's default holds 32 KB per open stream).
        response.setBufferSize(STREAM_BUFFER_BYTES);
        liveBoards.subscribe(huntId, request.startAsync(request, response), takes, release);
    }

    /**
     * The past of the big screen's score chart, as the public may see it: from the start (or the
     * first event) to now, the freeze or the end, whichever comes first, never past a freeze.
     */
    @GetMapping(value = "/api/hunts/{huntId}/leaderboard/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ScoreHistory.History history(@PathVariable String huntId,
                                 @RequestParam(defaultValue = DEFAULT_HISTORY_POINTS) int points) {
        if (points < 2 || points > MAX_HISTORY_POINTS) {
            throw RuleViolation.invalid("invalid-points", "points must be between 2 and " + MAX_HISTORY_POINTS);
        }
        HuntSummary hunt = hunts.find(huntId, false)
                .orElseThrow(() -> RuleViolation.notFound("hunt-not-found", "no hunt " + huntId));
        Instant cutoff = earliest(hunt.frozenAt(), hunt.endedAt());
        return history.of(huntId, hunt.startedAt() != null ? hunt.startedAt() : hunt.publishedAt(), cutoff, points);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }

    /** The page is static; its script reads the hunt id from the path. */
    @GetMapping("/hunts/{huntId}")
    String page(@PathVariable String huntId) {
        return "forward:/hunt.html";
    }
}
