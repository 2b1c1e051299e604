package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.platform.web.ApiProblems;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Failed staff logins are counted per client address; accounts are never locked; checks are bounded. */
class StaffLoginGuardTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("org").password(bcrypt.encode("right-password")).roles(Roles.ORGANIZER).build());

    private static Authentication login(String password, String address) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated("org", password);
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    @Test
    void anAddressThatKeepsFailingIsRefusedWithoutACheckWhileOtherAddressesAndVerifiedLoginsGoOn() {
        CachedStaffAuthentication staff = new CachedStaffAuthentication(users, bcrypt, Duration.ofMinutes(5),
                new StaffLoginGuard(3, Duration.ofMinutes(1), 2));
        assertThat(staff.authenticate(login("right-password", "10.0.0.9")).isAuthenticated()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> staff.authenticate(login("guess", "10.0.0.1")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> staff.authenticate(login("another guess", "10.0.0.1")))
                .isInstanceOfSatisfying(StaffLoginGuard.Refused.class, refused -> {
                    assertThat(refused.tooManyFailures()).isTrue();
                    assertThat(refused.retryAfterSeconds()).isEqualTo(60);
                });

        // the account is not locked: another address logs in, and a login verified before passes
        assertThat(staff.authenticate(login("right-password", "10.0.0.2")).isAuthenticated()).isTrue();
        assertThat(staff.authenticate(login("right-password", "10.0.0.1")).isAuthenticated()).isTrue();
    }

    @Test
    void noMoreChecksRunAtOnceThanAllowedAndAWaitBeyondASecondIsRefused() throws Exception {
        StaffLoginGuard guard = new StaffLoginGuard(10, Duration.ofMinutes(1), 1);
        CountDownLatch checking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> guard.check(() -> {
            checking.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        busy.start();
        assertThat(checking.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> guard.check(() -> true)).isInstanceOfSatisfying(StaffLoginGuard.Refused.class,
                refused -> assertThat(refused.tooManyFailures()).isFalse());
        release.countDown();
        busy.join(5_000);
        assertThat(guard.check(() -> true)).isTrue();
    }

    @Test
    void refusalsAreAnswered429Or503WithRetryAfter() throws Exception {
        ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(new ApiProblems(new ObjectMapper(), 5));
        MockHttpServletResponse tooMany = new MockHttpServletResponse();
        handlers.commence(new MockHttpServletRequest("GET", "/api/hunts"), tooMany,
                new StaffLoginGuard.Refused("too many", 300, true));
        assertThat(tooMany.getStatus()).isEqualTo(429);
        assertThat(tooMany.getHeader("Retry-After")).isEqualTo("300");
        assertThat(tooMany.getContentType()).startsWith("application/problem+json");

        MockHttpServletResponse busy = new MockHttpServletResponse();
        handlers.commence(new MockHttpServletRequest("GET", "/api/hunts"), busy, new StaffLoginGuard.Refused("busy", 1, false));
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
    }
}
