package io.veltrix.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Finds the player a Bearer token belongs to. Tokens are stored only as SHA-256 hashes. */
@FunctionalInterface
public interface PlayerTokens {

    Optional<PlayerPrincipal> findByTokenHash(String tokenHash);

    /** The stored form of a player token: lowercase hex SHA-256 of its UTF-8 bytes. */
    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
