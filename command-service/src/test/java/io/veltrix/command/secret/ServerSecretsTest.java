package io.veltrix.command.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ServerSecretsTest {

    private static final byte[] MASTER = "0123456789abcdef0123456789abcdef-master".getBytes(StandardCharsets.UTF_8);
    private final ServerSecrets secrets = new ServerSecrets(Base64.getEncoder().encodeToString(MASTER));

    @Test
    void eachHashIsAnHmacUnderAKeyDerivedFromTheMasterForItsPurpose() throws Exception {
        byte[] answerKey = hmac(MASTER, "veltrix/answers");
        byte[] joinCodeKey = hmac(MASTER, "veltrix/join-codes");
        byte[] tokenKey = hmac(MASTER, "veltrix/player-tokens");

        assertThat(secrets.answerHash("salt", "golden gate"))
                .isEqualTo(HexFormat.of().formatHex(hmac(answerKey, "salt\u0000golden gate")));
        assertThat(secrets.joinCodeHash("hunt-1", "open sesame"))
                .isEqualTo(HexFormat.of().formatHex(hmac(joinCodeKey, "hunt-1\u0000open sesame")));
        assertThat(secrets.playerToken("player-7"))
                .isEqualTo("vxp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(tokenKey, "player-7")));
        assertThat(secrets.playerToken("player-7", "issue-2")).isNotEqualTo(secrets.playerToken("player-7"));
    }

    @Test
    void requestThreadsHashingAtOnceEachGetTheirOwnHash() {
        List<String> expected = IntStream.range(0, 64).mapToObj(i -> secrets.answerHash("s" + i, "answer " + i)).toList();

        List<Boolean> same = IntStream.range(0, 20_000).parallel()
                .mapToObj(i -> secrets.answerHash("s" + (i % 64), "answer " + (i % 64)).equals(expected.get(i % 64)))
                .toList();

        assertThat(same).containsOnly(true);
        assertThat(expected).doesNotHaveDuplicates();
    }

    @Test
    void aMasterKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new ServerSecrets(Base64.getEncoder().encodeToString(new byte[31])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
