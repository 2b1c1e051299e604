package io.veltrix.query.live;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.query.hunt.Hunts;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The board as a stream of server-sent events, and the big-screen page that shows it. */
@Controller
class LiveController {

    private final LiveBoards liveBoards;
    private final Hunts hunts;

    LiveController(LiveBoards liveBoards, Hunts hunts) {
        this.liveBoards = liveBoards;
        this.hunts = hunts;
    }

    @GetMapping(value = "/api/hunts/{huntId}/leaderboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter stream(@PathVariable String huntId) {
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
        return liveBoards.subscribe(huntId);
    }

    /** The page is static; its script reads the hunt id from the path. */
    @GetMapping("/hunts/{huntId}")
    String page(@PathVariable String huntId) {
        return "forward:/hunt.html";
    }
}
