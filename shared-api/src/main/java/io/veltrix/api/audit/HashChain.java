package io.veltrix.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Tamper evidence of an aggregate stream, in two versions told apart by the metadata key
 * {@link #VERSION_KEY}. Version 1 (no key; events stored before version 2 existed) is
 * {@code SHA-256(previous hash ‖ canonical payload)}: it leaves out everything scoring reads
 * beside the payload, so it is only ever checked, never written. Version 2 covers the whole row:
 * {@code SHA-256} over {@link #V2_DOMAIN} and then, each as a 4-byte big-endian length and its
 * UTF-8 bytes (a null as length -1), the previous hash, global index, timestamp, payload type,
 * payload revision, aggregate id, sequence number, the canonical metadata without {@code hash}, and
 * the canonical payload. Numbers are written in decimal, the timestamp as {@link Instant#toString()}.
 */
public final class HashChain {

    /** The metadata key under which every stored event carries its chain hash. */
    public static final String METADATA_KEY = "hash";
    /** The metadata key of the chain version a link was written under; absent on version 1 links. */
    public static final String VERSION_KEY = "chain";
    /** The version new links are written under. */
    public static final int CURRENT_VERSION = 2;
    /** The previous hash of a stream's first event. */
    public static final String GENESIS = "";
    /** Hashed first in every version 2 link, so no other SHA-256 input of ours can collide with one. */
    public static final String V2_DOMAIN = "veltrix-chain-2";

    private static final byte[] V2_DOMAIN_BYTES = V2_DOMAIN.getBytes(StandardCharsets.UTF_8);

    private HashChain() {
    }

    /** Everything a version 2 link covers besides the previous hash: the stored row minus its hash. */
    public record Covered(long index, Instant timestamp, String payloadType, String payloadRevision,
                          String aggregateId, long sequence, byte[] metaData, byte[] payload) {
    }

    /** A version 2 link. */
    public static String next(String previousHash, Covered event) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(V2_DOMAIN_BYTES);
        field(sha256, previousHash == null ? GENESIS : previousHash);
        field(sha256, Long.toString(event.index()));
        field(sha256, event.timestamp() == null ? null : event.timestamp().toString());
        field(sha256, event.payloadType());
        field(sha256, event.payloadRevision());
        field(sha256, event.aggregateId());
        field(sha256, Long.toString(event.sequence()));
        field(sha256, event.metaData());
        field(sha256, event.payload());
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A version 1 link: only for checking links stored before version 2. */
    public static String next(String previousHash, byte[] canonicalPayload) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update((previousHash == null ? GENESIS : previousHash).getBytes(StandardCharsets.UTF_8));
        sha256.update(canonicalPayload);
        return HexFormat.of().formatHex(sha256.digest());
    }

    static void field(MessageDigest sha256, String value) {
        field(sha256, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static void field(MessageDigest sha256, byte[] value) {
        int length = value == null ? -1 : value.length;
        sha256.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        if (value != null) {
            sha256.update(value);
        }
    }
}
