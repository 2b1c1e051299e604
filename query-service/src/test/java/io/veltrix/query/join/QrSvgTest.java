package io.veltrix.query.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Join links of every length a deployment makes come back from their QR code as they went in. */
class QrSvgTest {

    @Test
    void joinLinksDecodeToThemselves() throws Exception {
        for (String base : List.of("http://localhost:8082", "http://localhost:38107", "http://192.168.100.200:65535",
                "https://hunt.example.org", "https://a-rather-long-host-name.events.example.org:8443")) {
            String link = base + "/play/" + UUID.randomUUID();
            assertThat(QrCodes.decode(QrSvg.of(link))).isEqualTo(link);
        }
    }
}
