package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** Found tokens are remembered; unknown ones are asked again, so a new registration works at once. */
class PlayerTokenFilterTest {

    private final Map<String, PlayerPrincipal> stored = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final PlayerTokenFilter filter = new PlayerTokenFilter(new PlayerTokenCache(hash -> {
        lookups.incrementAndGet();
        return Optional.ofNullable(stored.get(hash));
    }, since -> new TokenRevocations.Revoked(Instant.now(), List.of()), 100, Duration.ofSeconds(1)),
            (request, response, e) -> response.sendError(401));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private int call(String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/hunts/h/finds");
        request.addHeader("Authorization", "Bearer " + token);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        SecurityContextHolder.clearContext();
        return response.getStatus();
    }

    @Test
    void aFoundTokenIsLookedUpOnce() throws Exception {
        stored.put(PlayerTokens.hash("vxp_alice"), new PlayerPrincipal("alice", "h"));
        assertThat(call("vxp_alice")).isEqualTo(200);
        assertThat(call("vxp_alice")).isEqualTo(200);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void anUnknownTokenIsNotRememberedAsUnknown() throws Exception {
        assertThat(call("vxp_bob")).isEqualTo(401);
        stored.put(PlayerTokens.hash("vxp_bob"), new PlayerPrincipal("bob", "h"));
        assertThat(call("vxp_bob")).isEqualTo(200);
        assertThat(lookups).hasValue(2);
    }
}
