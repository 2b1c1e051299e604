package io.veltrix.platform.security;

/** An authenticated player: one registration in one hunt. */
public record PlayerPrincipal(String playerId, String huntId) {
}
