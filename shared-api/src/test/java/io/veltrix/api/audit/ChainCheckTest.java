package io.veltrix.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] A = bytes("{\"n\":0}");
    private static final byte[] B = bytes("{\"n\":1}");
    private static final byte[] C = bytes("{\"n\":2}");
    private static final String HA = HashChain.next("", A);
    private static final String HB = HashChain.next(HA, B);
    private static final String HC = HashChain.next(HB, C);

    @Test
    void anIntactStreamPasses() {
        ChainCheck check = new ChainCheck();
        check.check("s", 0, 1, A, HA);
        check.check("t", 0, 2, A, HA);
        check.check("s", 1, 3, B, HB);
        check.check("s", 2, 4, C, HC);
        assertThat(check.intact()).isTrue();
        assertThat(check.eventsChecked()).isEqualTo(4);
        assertThat(check.streams()).isEqualTo(2);
    }

    @Test
    void anEditedPayloadIsTheFirstBrokenLinkOfItsStream() {
        ChainCheck check = new ChainCheck();
        check.check("s", 0, 1, A, HA);
        check.check("s", 1, 2, bytes("{\"n\":9}"), HB);
        check.check("s", 2, 3, C, HC);
        assertThat(check.brokenLinks()).singleElement().satisfies(link -> {
            assertThat(link.sequence()).isEqualTo(1);
            assertThat(link.index()).isEqualTo(2);
            assertThat(link.found()).isEqualTo(HB);
            assertThat(link.expected()).isEqualTo(HashChain.next(HA, bytes("{\"n\":9}")));
        });
    }

    @Test
    void aMissingEventBreaksTheChainAtTheNextOne() {
        ChainCheck check = new ChainCheck();
        check.check("s", 0, 1, A, HA);
        check.check("s", 2, 3, C, HC);
        assertThat(check.brokenLinks()).singleElement().satisfies(link -> {
            assertThat(link.sequence()).isEqualTo(2);
            assertThat(link.reason()).contains("missing");
        });
    }

    @Test
    void aStreamMustStartAtItsGenesis() {
        ChainCheck check = new ChainCheck();
        check.check("s", 1, 2, B, HB);
        assertThat(check.intact()).isFalse();
    }
}
