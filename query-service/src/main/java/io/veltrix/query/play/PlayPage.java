package io.veltrix.query.play;

import io.veltrix.query.join.JoinLinks;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The player page and what the pages need to know to reach the command service. The page posts a
 * player's registration, finds and hints straight to the command service ({@code commandUrl},
 * allowed there by CORS for this origin); an empty {@code commandUrl} means both services sit behind
 * one origin (a reverse proxy routing those POSTs), and the page posts to its own origin.
 */
@Controller
public class PlayPage {

    private final String commandUrl;
    private final JoinLinks joinLinks;

    public PlayPage(@Value("${veltrix.web.command-url}") String commandUrl, JoinLinks joinLinks) {
        this.commandUrl = commandUrl.strip().replaceAll("/+$", "");
        this.joinLinks = joinLinks;
    }

    /**
     * What the pages read before their first request: where to post commands, and the address
     * players' phones reach this service at ("" for the page's own origin), for join links.
     */
    public record WebConfig(String commandUrl, String publicUrl) {
    }

    @GetMapping("/api/web-config")
    @ResponseBody
    WebConfig config() {
        return new WebConfig(commandUrl, joinLinks.publicUrl());
    }

    /** The page is static; its script reads the hunt id from the path and the join code from the fragment. */
    @GetMapping("/play/{huntId}")
    String page(@PathVariable String huntId) {
        return "forward:/play.html";
    }

    /** The command service's origin for the page's Content-Security-Policy, or "" when it is this origin. */
    public static String originOf(String commandUrl) {
        String url = commandUrl.strip();
        if (url.isEmpty()) {
            return "";
        }
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("veltrix.web.command-url must be an absolute http(s) URL or empty: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
