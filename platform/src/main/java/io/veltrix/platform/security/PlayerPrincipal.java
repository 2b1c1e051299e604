package io.veltrix.platform.security;

import io.veltrix.api.rule.RuleViolation;

/**
 * An authenticated player: one registration in one hunt, and in a team-mode hunt the player's
 * team ({@code teamId}; null in a solo hunt, or for a member removed from their team).
 */
public record PlayerPrincipal(String playerId, String huntId, String teamId) {

    /** A player of a solo hunt. */
    public PlayerPrincipal(String playerId, String huntId) {
        this(playerId, huntId, null);
    }

    /** A player acts in its own hunt only: another hunt's path is a 403. */
    public void requirePlays(String huntId) {
        if (!this.huntId.equals(huntId)) {
            throw RuleViolation.forbidden("other-hunt", "this player token belongs to another hunt");
        }
    }
}
