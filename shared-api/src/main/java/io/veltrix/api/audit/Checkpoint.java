package io.veltrix.api.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed statement of a hunt's chain heads at one moment. Whoever keeps a copy can later show
 * that the store was rewritten: every head must still be in the history with the same hash.
 *
 * <p>{@code root} is {@code SHA-256} over {@link #ROOT_DOMAIN} and then, per head in order of
 * aggregate id, the aggregate id, sequence number and hash, each as a 4-byte big-endian length and
 * its UTF-8 bytes (numbers in decimal). The Ed25519 {@code signature} (base64) covers the UTF-8
 * lines {@code veltrix-checkpoint-1}, hunt id, number, trigger, takenAt ({@link Instant#toString()})
 * and root, each ended by a newline. {@code publicKey} is the signer's key, base64 of its X.509
 * encoding; trust it only when it equals the key the service publishes.
 */
@JsonPropertyOrder({"huntId", "number", "trigger", "takenAt", "root", "publicKey", "signature", "heads"})
public record Checkpoint(String huntId, long number, String trigger, Instant takenAt, String root, String publicKey,
                         String signature, List<Head> heads) {

    public static final String ROOT_DOMAIN = "veltrix-checkpoint-root-1";
    public static final String SIGNED_DOMAIN = "veltrix-checkpoint-1";
    public static final String ALGORITHM = "Ed25519";

    /** A stream's last event when the checkpoint was taken. */
    public record Head(String aggregateId, long sequence, String hash) {
    }

    /** Signs the heads (in any order) of a hunt. */
    public static Checkpoint sign(String huntId, long number, String trigger, Instant takenAt, List<Head> heads,
                                  PrivateKey key, PublicKey publicKey) {
        List<Head> sorted = heads.stream().sorted(Comparator.comparing(Head::aggregateId)).toList();
        String root = rootOf(sorted);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signedBytes(huntId, number, trigger, takenAt, root));
            return new Checkpoint(huntId, number, trigger, takenAt, root, encode(publicKey),
                    Base64.getEncoder().encodeToString(signer.sign()), sorted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the checkpoint key", e);
        }
    }

    public static String rootOf(List<Head> heads) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(ROOT_DOMAIN.getBytes(StandardCharsets.UTF_8));
        heads.stream().sorted(Comparator.comparing(Head::aggregateId)).forEach(head -> {
            HashChain.field(sha256, head.aggregateId());
            HashChain.field(sha256, Long.toString(head.sequence()));
            HashChain.field(sha256, head.hash());
        });
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Whether the root follows from the heads and the signature from {@code key}. */
    public boolean verifies(PublicKey key) {
        if (heads == null || root == null || signature == null || !root.equals(rootOf(heads))) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes(huntId, number, trigger, takenAt, root));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] signedBytes(String huntId, long number, String trigger, Instant takenAt, String root) {
        return (SIGNED_DOMAIN + "\n" + huntId + "\n" + number + "\n" + trigger + "\n" + takenAt + "\n" + root + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The public key of its base64 X.509 encoding. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(base64.trim())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of its X.509 encoding)", e);
        }
    }

    /** A short name of a key for people to compare: the first 16 hex digits of SHA-256 of its encoding. */
    public static String fingerprint(PublicKey key) {
        return HexFormat.of().formatHex(Digests.sha256().digest(key.getEncoded())).substring(0, 16);
    }
}
