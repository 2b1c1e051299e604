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

    @Test
    void aTeamsLinkCarriesTheTeamAndItsCodeInTheFragmentEncodedAsThePlayerPageReadsThem() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/hunts/h1/teams/t1/join-qr.svg");
        request.setServerName("localhost");
        request.setServerPort(8082);
        assertThat(new JoinLinks("").teamJoinLink("h1", "t1", "KX7P-QM2R", request))
                .isEqualTo("http://localhost:8082/play/h1#team=t1&teamCode=KX7P-QM2R");
        assertThat(new JoinLinks("https://hunt.example.org").teamJoinLink("h1", "t1", "a b&c=d#e", request))
                .isEqualTo("https://hunt.example.org/play/h1#team=t1&teamCode=a%20b%26c%3Dd%23e");
    }
}
