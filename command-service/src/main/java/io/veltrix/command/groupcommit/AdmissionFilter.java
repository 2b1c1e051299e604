package io.veltrix.command.groupcommit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.platform.web.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a find, a hint, a registration, a team creation or a team join ({@link HotRequests}) with
 * 503 + Retry-After before anything is spent on it (no authentication, no body parsing) while the
 * group commit is {@linkplain GroupCommit#saturated() saturated} or more than
 * {@code maxWaitingRequests} requests wait for a worker thread (the {@link WorkerBacklog}, where
 * requests queue when the cores are short): under overload a fast "try again" serves a player
 * better than an answer that comes after their phone gave up, and it leaves the CPU to the requests
 * that are accepted. A refusal costs a fraction of a find, so the backlog drains at the pace of
 * refusals and the accepted requests wait for little. Either overload is refused only once it has
 * stood for the {@linkplain OverloadEpisode grace}: what a moment's stall leaves drains by itself.
 */
public final class AdmissionFilter extends OncePerRequestFilter {

    private final GroupCommit groupCommit;
    private final WorkerBacklog backlog;
    private final int maxWaitingRequests;
    private final OverloadEpisode episode;
    private final byte[] body;

    /** The refusal is rendered once, as {@link ApiProblems} words every problem, and sent as bytes. */
    public AdmissionFilter(GroupCommit groupCommit, WorkerBacklog backlog, int maxWaitingRequests, Duration grace,
                           ObjectMapper json) throws JsonProcessingException {
        this.groupCommit = groupCommit;
        this.backlog = backlog;
        this.maxWaitingRequests = maxWaitingRequests;
        this.episode = new OverloadEpisode(grace);
        this.body = json.writeValueAsBytes(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                groupCommit.overloaded().getMessage()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !HotRequests.isHot(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean overloaded = groupCommit.saturated() || backlog.size() > maxWaitingRequests;
        if (!episode.refuse(overloaded, System.nanoTime())) {
            chain.doFilter(request, response);
            return;
        }
        groupCommit.countShed();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(groupCommit.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
