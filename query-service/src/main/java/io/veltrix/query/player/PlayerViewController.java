package io.veltrix.query.player;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.Roles;
import io.veltrix.query.Viewer;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A player's view: for the player with their own token, or an organizer. */
@RestController
class PlayerViewController {

    private final PlayerViews views;

    PlayerViewController(PlayerViews views) {
        this.views = views;
    }

    @GetMapping("/api/hunts/{huntId}/players/{playerId}")
    @SecurityRequirement(name = ApiDocumentation.PLAYER)
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    PlayerView player(@PathVariable String huntId, @PathVariable String playerId, Authentication auth) {
        // the admin may do what an organizer may
        boolean organizer = Viewer.hasRole(auth, Roles.ORGANIZER) || Viewer.hasRole(auth, Roles.ADMIN);
        boolean self = Viewer.player(auth)
                .filter(p -> p.playerId().equals(playerId) && p.huntId().equals(huntId))
                .isPresent();
        if (!organizer && !self) {
            throw RuleViolation.forbidden("not-your-player", "only this player, an organizer or an admin may see this view");
        }
        return views.view(huntId, playerId, Viewer.boardView(auth))
                .orElseThrow(() -> RuleViolation.notFound("player-not-found", "no player " + playerId + " in hunt " + huntId));
    }
}
