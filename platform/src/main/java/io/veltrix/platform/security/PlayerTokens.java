package io.veltrix.platform.security;

import io.veltrix.api.audit.Digests;
import java.util.Optional;

/** Finds the player a Bearer token belongs to. Tokens are stored only as SHA-256 hashes. */
@FunctionalInterface
public interface PlayerTokens {

    Optional<PlayerPrincipal> findByTokenHash(String tokenHash);

    /** The stored form of a player token: lowercase hex SHA-256 of its UTF-8 bytes. */
    static String hash(String token) {
        return Digests.sha256Hex(token);
    }
}
