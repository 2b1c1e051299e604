package io.veltrix.query.audit;

import io.veltrix.api.audit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Ed25519 key checkpoints are signed with ({@code VELTRIX_CHECKPOINT_KEY}: the private key's
 * PKCS#8 encoding and the public key's X.509 encoding, both base64, joined by a colon; the JDK
 * cannot derive one from the other). Without one the service makes a key that lives until it
 * stops: its checkpoints still show a later rewrite to whoever saved them with the key, but the
 * key published after a restart is another.
 */
@Component
public class CheckpointKey {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKey.class);

    private final KeyPair pair;

    CheckpointKey(@Value("${veltrix.checkpoint.key:}") String configured) {
        this.pair = configured.isBlank() ? generate() : parse(configured);
        if (configured.isBlank()) {
            log.warn("VELTRIX_CHECKPOINT_KEY is not set: checkpoints are signed with a key made for this run only"
                    + " (fingerprint {})", fingerprint());
        }
    }

    PrivateKey privateKey() {
        return pair.getPrivate();
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    public String fingerprint() {
        return Checkpoint.fingerprint(pair.getPublic());
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    private static KeyPair parse(String configured) {
        String[] parts = configured.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalStateException("VELTRIX_CHECKPOINT_KEY must be <PKCS#8 private key>:<X.509 public key>,"
                    + " both base64");
        }
        KeyPair pair;
        try {
            PrivateKey privateKey = KeyFactory.getInstance(Checkpoint.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
            pair = new KeyPair(Checkpoint.publicKey(parts[1]), privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("VELTRIX_CHECKPOINT_KEY does not hold an Ed25519 key pair", e);
        }
        if (!matches(pair)) {
            throw new IllegalStateException("VELTRIX_CHECKPOINT_KEY: the public key is not the private key's");
        }
        return pair;
    }

    private static boolean matches(KeyPair pair) {
        byte[] probe = "veltrix-checkpoint-key-probe".getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance(Checkpoint.ALGORITHM);
            signer.initSign(pair.getPrivate());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(Checkpoint.ALGORITHM);
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
