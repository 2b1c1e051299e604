package io.veltrix.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/hunts/h/players");
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withNoTrustedProxyTheSocketPeerIsTheClientWhateverTheHeaderSays() {
        ClientAddresses addresses = new ClientAddresses(List.of());
        assertThat(addresses.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aPeerThatIsNotATrustedProxyCannotNameAnotherClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedHopIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.10"));
        // the client wrote a fake first hop; our two proxies appended what they saw
        assertThat(addresses.of(from("192.0.2.10", "6.6.6.6, 198.51.100.1", "10.1.2.3")))
                .isEqualTo("198.51.100.1");
        assertThat(addresses.of(from("10.9.9.9", "198.51.100.2"))).isEqualTo("198.51.100.2");
    }

    @Test
    void aTrustedProxyWithoutTheHeaderOrWithGarbageInItCountsAsItself() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));
        assertThat(addresses.of(from("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("10.0.0.5", "evil.example, 10.0.0.6"))).isEqualTo("10.0.0.6");
        assertThat(addresses.of(from("10.0.0.5", "999.1.1.1"))).isEqualTo("10.0.0.5");
    }

    @Test
    void ipv6HopsAreComparedInOneSpelling() {
        ClientAddresses addresses = new ClientAddresses(List.of("::1"));
        assertThat(addresses.of(from("0:0:0:0:0:0:0:1", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aTrustedProxyMustBeAnAddressNotAName() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
