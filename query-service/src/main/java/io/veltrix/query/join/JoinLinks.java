package io.veltrix.query.join;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The link players open to join a hunt: the player page under {@code veltrix.web.public-url}, the
 * address phones reach this service at (a venue's LAN address or a public host name), or, when that
 * is empty, under the origin the asking browser used. The organizers' console, its poster and the
 * big screen show it, and its QR code.
 */
@Component
public class JoinLinks {

    private final String publicUrl;

    public JoinLinks(@Value("${veltrix.web.public-url}") String publicUrl) {
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** The configured base, or "" when each page uses its own origin. */
    public String publicUrl() {
        return publicUrl;
    }

    public String joinLink(String huntId, HttpServletRequest request) {
        String base = publicUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromContextPath(request).replacePath("").replaceQuery(null).toUriString()
                : publicUrl;
        return base + "/play/" + encoded(huntId);
    }

    /**
     * The link a team's captain shares: the hunt's join link with the team and its code in the
     * fragment, which browsers never send to a server, as the player page reads it.
     */
    public String teamJoinLink(String huntId, String teamId, String teamCode, HttpServletRequest request) {
        return joinLink(huntId, request) + "#team=" + encoded(teamId) + "&teamCode=" + encoded(teamCode);
    }

    private static String encoded(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
