package io.veltrix.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.api.audit.Checkpoint;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configured checkpoint key: a private key and its own public key, or the service refuses to start. */
class CheckpointKeyTest {

    private static KeyPair pair() throws Exception {
        return KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
    }

    private static String configured(KeyPair privatePart, KeyPair publicPart) {
        return Base64.getEncoder().encodeToString(privatePart.getPrivate().getEncoded()) + ":"
                + Base64.getEncoder().encodeToString(publicPart.getPublic().getEncoded());
    }

    @Test
    void aConfiguredPairSignsCheckpointsItsPublicKeyVerifies() throws Exception {
        KeyPair pair = pair();
        CheckpointKey key = new CheckpointKey(configured(pair, pair));
        assertThat(key.publicKey()).isEqualTo(pair.getPublic());
        Checkpoint checkpoint = Checkpoint.sign("h", 1, "end", Instant.now(),
                List.of(new Checkpoint.Head("h", 3, "abc")), key.privateKey(), key.publicKey());
        assertThat(checkpoint.verifies(pair.getPublic())).isTrue();
        assertThat(key.fingerprint()).isEqualTo(Checkpoint.fingerprint(pair.getPublic()));
    }

    @Test
    void aPublicKeyThatIsNotThePrivateKeysIsRefused() throws Exception {
        assertThatThrownBy(() -> new CheckpointKey(configured(pair(), pair())))
                .hasMessageContaining("not the private key's");
        assertThatThrownBy(() -> new CheckpointKey("not-a-key")).hasMessageContaining("VELTRIX_CHECKPOINT_KEY");
        assertThatThrownBy(() -> new CheckpointKey("AAAA:BBBB")).hasMessageContaining("Ed25519 key pair");
    }

    @Test
    void withoutOneEachStartMakesItsOwn() {
        assertThat(new CheckpointKey("").publicKey()).isNotEqualTo(new CheckpointKey("").publicKey());
    }
}
