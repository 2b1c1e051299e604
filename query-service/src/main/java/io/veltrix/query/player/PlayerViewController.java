package io.veltrix.query.player;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.Roles;
import io.veltrix.query.Viewer;
import io.veltrix.query.organizer.HuntStaff;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A player's view: for the player with their own token, an organizer of the hunt, or an admin. */
@RestController
class PlayerViewController {

    private final PlayerViews views;
    private final HuntStaff staff;

    PlayerViewController(PlayerViews views, HuntStaff staff) {
        this.views = views;
        this.staff = staff;
    }

    @GetMapping("/api/hunts/{huntId}/players/{playerId}")
    @SecurityRequirement(name = ApiDocumentation.PLAYER)
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    PlayerView player(@PathVariable String huntId, @PathVariable String playerId, Authentication auth) {
        boolean self = Viewer.player(auth)
                .filter(p -> p.playerId().equals(playerId) && p.huntId().equals(huntId))
                .isPresent();
        if (!self && !staff.organizes(auth, huntId)) {
            throw RuleViolation.forbidden("not-your-player",
                    "only this player, an organizer of the hunt or an admin may see this view");
        }
        return views.view(huntId, playerId, staff.boardView(auth, huntId))
                .orElseThrow(() -> RuleViolation.notFound("player-not-found", "no player " + playerId + " in hunt " + huntId));
    }
}
