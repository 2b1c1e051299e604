package io.veltrix.query.live;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.query.hunt.Hunts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The board as a stream of server-sent events, and the big-screen page that shows it. */
@Controller
class LiveController {

    private static final int STREAM_BUFFER_BYTES = 1024;

    private final LiveBoards liveBoards;
    private final Hunts hunts;
    private final StreamQuota quota;
    private final ClientAddresses clientAddresses;

    LiveController(LiveBoards liveBoards, Hunts hunts, StreamQuota quota, ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
        this.liveBoards = liveBoards;
        this.hunts = hunts;
        this.quota = quota;
    }

    /**
     * Thousands of watchers stay connected at once, so the stream bypasses Spring's emitter and
     * writes pre-encoded frames on the servlet's non-blocking output (see {@link LiveStream}). Each
     * stream holds a place of the {@link StreamQuota} until it ends. With {@code changes=true} the
     * watcher gets the whole board once and then only what changed ({@link BoardChange}).
     */
    @GetMapping(value = "/api/hunts/{huntId}/leaderboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String huntId, @RequestParam(defaultValue = "false") boolean changes,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
        // behind our reverse proxies, the client the proxy names, not the proxy
        Runnable release = quota.acquire(clientAddresses.of(request));
        try {
            open(huntId, changes, request, response, release);
        } catch (IOException | RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private void open(String huntId, boolean changes, HttpServletRequest request, HttpServletResponse response, Runnable release)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // proxies such as nginx pass frames on at once
        // Frames are written whole and flushed at once: a small response buffer means the server
        // keeps no aggregation buffer per watcher (Jetty's default holds 32 KB per open stream).
        response.setBufferSize(STREAM_BUFFER_BYTES);
        liveBoards.subscribe(huntId, request.startAsync(request, response), changes, release);
    }

    /** The page is static; its script reads the hunt id from the path. */
    @GetMapping("/hunts/{huntId}")
    String page(@PathVariable String huntId) {
        return "forward:/hunt.html";
    }
}
