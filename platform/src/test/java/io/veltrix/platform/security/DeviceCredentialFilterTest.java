package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

/** Staff whose login was accepted get a device credential unless they hold a fresh one; nobody else does. */
class DeviceCredentialFilterTest {

    private static final byte[] KEY = "a device key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    private final DeviceCredentials devices = new DeviceCredentials(KEY, Duration.ofDays(30), Clock.systemUTC());

    @AfterEach
    void forget() {
        SecurityContextHolder.clearContext();
    }

    private MockHttpServletResponse request(Authentication caller, String presented) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(caller);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/staff/me");
        if (presented != null) {
            request.addHeader(DeviceCredentials.HEADER, presented);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DeviceCredentialFilter(devices).doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static Authentication staff(String username) {
        var user = User.withUsername(username).password("{noop}x").roles(Roles.ORGANIZER).build();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    @Test
    void aStaffLoginWithoutAValidCredentialOfItsAccountGetsOneBoundToThatAccount() throws Exception {
        String issued = request(staff("org"), null).getHeader(DeviceCredentials.HEADER);
        assertThat(devices.verify(issued, "org")).isPresent();
        String forOther = devices.issue("other");
        assertThat(devices.verify(request(staff("org"), forOther).getHeader(DeviceCredentials.HEADER), "org")).isPresent();
        assertThat(request(staff("org"), "vxd1.forged").getHeader(DeviceCredentials.HEADER)).isNotNull();
    }

    @Test
    void aFreshCredentialIsKeptAndOnePastHalfItsLifeRenewed() throws Exception {
        assertThat(request(staff("org"), devices.issue("org")).getHeader(DeviceCredentials.HEADER)).isNull();
        String old = new DeviceCredentials(KEY, Duration.ofDays(30),
                Clock.fixed(Instant.now().minus(Duration.ofDays(20)), ZoneOffset.UTC)).issue("org");
        assertThat(devices.verify(request(staff("org"), old).getHeader(DeviceCredentials.HEADER), "org")).isPresent();
    }

    @Test
    void playersAndAnonymousCallersGetNone() throws Exception {
        var player = UsernamePasswordAuthenticationToken.authenticated("a-player", null, List.of());
        assertThat(request(player, null).getHeader(DeviceCredentials.HEADER)).isNull();
        assertThat(request(null, null).getHeader(DeviceCredentials.HEADER)).isNull();
    }
}
