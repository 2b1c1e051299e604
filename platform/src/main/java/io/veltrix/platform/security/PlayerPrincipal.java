package io.veltrix.platform.security;

/**
 * An authenticated player: one registration in one hunt, and in a team-mode hunt the player's
 * team ({@code teamId}; null in a solo hunt, or for a member removed from their team).
 */
public record PlayerPrincipal(String playerId, String huntId, String teamId) {

    /** A player of a solo hunt. */
    public PlayerPrincipal(String playerId, String huntId) {
        this(playerId, huntId, null);
    }
}
