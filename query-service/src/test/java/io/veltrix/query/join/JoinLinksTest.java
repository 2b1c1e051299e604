package io.veltrix.query.join;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A join link names the configured public address when there is one, else the asking browser's origin. */
class JoinLinksTest {

    @Test
    void theConfiguredAddressWinsOverTheRequestsOrigin() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/hunts/h1/join-qr.svg");
        request.setServerName("localhost");
        request.setServerPort(8082);
        assertThat(new JoinLinks("").joinLink("h1", request)).isEqualTo("http://localhost:8082/play/h1");
        assertThat(new JoinLinks("https://hunt.example.org/").joinLink("h 1", request))
                .isEqualTo("https://hunt.example.org/play/h%201");
    }
}
