package io.veltrix.query.join;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.web.Texts;
import io.veltrix.query.Viewer;
import io.veltrix.query.leaderboard.Leaderboards;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The QR code of a team's join link, for its members to show teammates from a phone. The team's
 * code is the team's secret and this service never holds it (only the command service can derive
 * or check it): the member's page sends the code it was given, in the body, never in a URL a log
 * or a browser history would keep, and gets the image back only with a member's own token, so no
 * one else can use the service to draw a link in a team's name.
 */
@RestController
@Tag(name = "Pages")
class TeamJoinQrController {

    /** Team codes are short; this bounds what a member's page may send. */
    static final int MAX_CODE_LENGTH = 64;

    /** What the member's page sends: the team code it holds. */
    record TeamCode(String joinCode) {
    }

    private final Leaderboards leaderboards;
    private final JoinLinks links;

    TeamJoinQrController(Leaderboards leaderboards, JoinLinks links) {
        this.leaderboards = leaderboards;
        this.links = links;
    }

    @PostMapping(value = "/api/hunts/{huntId}/teams/{teamId}/join-qr.svg", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = JoinQrController.SVG)
    @Operation(summary = "The QR code of a team's join link (the player page with the team and its code in the"
            + " fragment), as SVG, for a current member of the team with their own token")
    @SecurityRequirement(name = ApiDocumentation.PLAYER)
    @ApiResponse(responseCode = "200", description = "the QR code", content = @Content(mediaType = JoinQrController.SVG))
    @ApiResponse(responseCode = "400", description = "'joinCode' missing, blank, too long or with control characters")
    @ApiResponse(responseCode = "403", description = "the token is not a current member's of this team in this hunt")
    ResponseEntity<String> qr(@PathVariable String huntId, @PathVariable String teamId, @RequestBody TeamCode body,
                              Authentication auth, HttpServletRequest request) {
        boolean member = Viewer.player(auth)
                .filter(player -> player.huntId().equals(huntId))
                .map(PlayerPrincipal::playerId)
                .flatMap(leaderboards::teamOf)
                .filter(teamId::equals)
                .isPresent();
        if (!member) {
            throw RuleViolation.forbidden("not-your-team",
                    "only a member of this team, with their own token, may get its join link's QR code");
        }
        String code = Texts.required("joinCode", body == null ? null : body.joinCode(), MAX_CODE_LENGTH, false).strip();
        // the image carries the team's secret: no cache anywhere may keep it
        return ResponseEntity.ok().header("Content-Type", JoinQrController.SVG).cacheControl(CacheControl.noStore())
                .body(QrSvg.of(links.teamJoinLink(huntId, teamId, code, request)));
    }
}
