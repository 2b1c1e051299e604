package io.veltrix.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Tamper evidence of an aggregate stream: {@code hash = SHA-256(previous hash ‖ canonical payload)},
 * where the previous hash is the lowercase hex hash of the stream's prior event ("" for the first)
 * taken as UTF-8 bytes, and the canonical payload is the event's stored JSON bytes (keys sorted).
 */
public final class HashChain {

    /** The metadata key under which every stored event carries its chain hash. */
    public static final String METADATA_KEY = "hash";
    /** The previous hash of a stream's first event. */
    public static final String GENESIS = "";

    private HashChain() {
    }

    public static String next(String previousHash, byte[] canonicalPayload) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update((previousHash == null ? GENESIS : previousHash).getBytes(StandardCharsets.UTF_8));
        sha256.update(canonicalPayload);
        return HexFormat.of().formatHex(sha256.digest());
    }
}
