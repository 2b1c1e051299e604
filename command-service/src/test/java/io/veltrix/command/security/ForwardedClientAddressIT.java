package io.veltrix.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Behind a trusted reverse proxy (the test's loopback peer), failed staff logins count per client
 * the proxy names in X-Forwarded-For, not per proxy: one guessing client does not lock out the
 * organizer behind the same proxy; a hop an untrusted party wrote is not believed.
 */
@TestPropertySource(properties = {"veltrix.http.trusted-proxies=127.0.0.1,::1",
        "veltrix.security.staff-login.failures-per-address=3"})
class ForwardedClientAddressIT extends CommandServiceIT {

    private static final String WRONG = basic("org", "not-the-password");

    private int createHunt(String authorization, String forwardedFor) {
        return post("/api/hunts", "{\"name\":\"Forwarded\"}", authorization, "X-Forwarded-For", forwardedFor).status();
    }

    @Test
    void failedStaffLoginsCountPerClientTheTrustedProxyNames() {
        for (int i = 0; i < 3; i++) {
            assertThat(createHunt(WRONG, "203.0.113.10")).isEqualTo(401);
        }
        assertThat(createHunt(WRONG, "203.0.113.10")).isEqualTo(429);
        assertThat(createHunt(WRONG, "203.0.113.11")).as("another client behind the proxy").isEqualTo(401);
        assertThat(createHunt(ORGANIZER, "203.0.113.11")).isEqualTo(201);

        for (int i = 0; i < 3; i++) {
            assertThat(createHunt(WRONG, "198.51.100." + i + ", 203.0.113.20")).isEqualTo(401);
        }
        assertThat(createHunt(WRONG, "198.51.100.99, 203.0.113.20")).as("a forged first hop").isEqualTo(429);
    }
}
