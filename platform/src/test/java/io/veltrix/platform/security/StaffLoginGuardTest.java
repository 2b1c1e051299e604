package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.platform.web.ApiProblems;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * Failed staff logins are counted per client address and per account, or per device for a login with
 * a valid device credential of its account; an account's trusted devices are never locked out;
 * checks are bounded.
 */
class StaffLoginGuardTest {

    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("org").password(bcrypt.encode("right-password")).roles(Roles.ORGANIZER).build());

    private static final byte[] DEVICE_KEY = "a device key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    private final DeviceCredentials devices = new DeviceCredentials(DEVICE_KEY, Duration.ofDays(30), Clock.systemUTC());

    private CachedStaffAuthentication lockingAfterThree() {
        return new CachedStaffAuthentication(users, bcrypt, Duration.ofMinutes(5),
                new StaffLoginGuard(3, 3, 1_000, Duration.ofMinutes(1), 2), devices);
    }

    private static Authentication login(String user, String password, String address, String deviceCredential) {
        UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        token.setDetails(new StaffLoginDetails(address, deviceCredential));
        return token;
    }

    private static void refusedForTooManyFailures(CachedStaffAuthentication staff, Authentication login) {
        assertThatThrownBy(() -> staff.authenticate(login)).isInstanceOfSatisfying(StaffLoginGuard.Refused.class,
                refused -> assertThat(refused.tooManyFailures()).isTrue());
    }

    private static void wrongPassword(CachedStaffAuthentication staff, Authentication login) {
        assertThatThrownBy(() -> staff.authenticate(login)).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aTrustedDeviceLogsInFromAnAddressLockedByOthersFailuresWhileAClientWithoutOneIsRefused() {
        CachedStaffAuthentication staff = lockingAfterThree();
        String device = devices.issue("org");
        for (int i = 0; i < 3; i++) {
            wrongPassword(staff, login("org", "guess", "10.0.0.1", null));
        }
        refusedForTooManyFailures(staff, login("org", "right-password", "10.0.0.1", null));
        assertThat(staff.authenticate(login("org", "right-password", "10.0.0.1", device)).isAuthenticated()).isTrue();
        // bound to the account, not to how its name was typed (names match ignoring case)
        assertThat(staff.authenticate(login("ORG", "right-password", "10.0.0.1", device)).isAuthenticated()).isTrue();
    }

    @Test
    void aForgedExpiredOrOtherAccountsCredentialIsNotTrustedAndItsFailuresCountForTheAddress() {
        CachedStaffAuthentication staff = lockingAfterThree();
        users.createUser(User.withUsername("other").password(bcrypt.encode("other-password")).roles(Roles.ORGANIZER).build());
        String othersDevice = devices.issue("other");
        String underAnotherKey = DeviceCredentials.configured("", Duration.ofDays(30)).issue("org");
        String expired = new DeviceCredentials(DEVICE_KEY, Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC)).issue("org");
        wrongPassword(staff, login("org", "guess", "10.0.0.1", othersDevice));
        wrongPassword(staff, login("org", "guess", "10.0.0.1", underAnotherKey));
        wrongPassword(staff, login("org", "guess", "10.0.0.1", expired));
        // the three failures locked the address, for each of these credentials as for none
        for (String untrusted : new String[] {othersDevice, underAnotherKey, expired, null}) {
            refusedForTooManyFailures(staff, login("org", "right-password", "10.0.0.1", untrusted));
        }
    }

    @Test
    void guessesSpreadOverManyAddressesLockTheAccountForUnknownClientsButNotForItsTrustedDevices() {
        CachedStaffAuthentication staff = new CachedStaffAuthentication(users, bcrypt, Duration.ofMinutes(5),
                new StaffLoginGuard(3, 3, 4, Duration.ofMinutes(1), 2), devices);
        users.createUser(User.withUsername("other").password(bcrypt.encode("other-password")).roles(Roles.ORGANIZER).build());
        String organizers = devices.issue("org");
        // one guess from each of four addresses: no address reaches its limit, the account does
        for (int i = 1; i <= 4; i++) {
            wrongPassword(staff, login(i % 2 == 0 ? "ORG" : "org", "guess", "10.0.1." + i, null));
        }
        refusedForTooManyFailures(staff, login("org", "right-password", "10.0.1.99", null));
        // the organizer's known device goes on, and so do other accounts from the same addresses
        assertThat(staff.authenticate(login("org", "right-password", "10.0.1.99", organizers)).isAuthenticated()).isTrue();
        assertThat(staff.authenticate(login("other", "other-password", "10.0.1.1", null)).isAuthenticated()).isTrue();
    }

    @Test
    void failuresWithATrustedDeviceLockThatDeviceOnlyNotItsAddressNorTheAccountsOtherDevices() {
        CachedStaffAuthentication staff = lockingAfterThree();
        String stolen = devices.issue("org");
        String organizers = devices.issue("org");
        for (int i = 0; i < 3; i++) {
            wrongPassword(staff, login("org", "guess", "10.0.0.1", stolen));
        }
        refusedForTooManyFailures(staff, login("org", "right-password", "10.0.0.1", stolen));
        refusedForTooManyFailures(staff, login("org", "right-password", "10.0.0.7", stolen));
        // the address was not charged, and another device of the account goes on
        assertThat(staff.authenticate(login("org", "right-password", "10.0.0.1", organizers)).isAuthenticated()).isTrue();
        wrongPassword(staff, login("org", "guess", "10.0.0.1", null));
    }

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
                new StaffLoginGuard(3, 3, 1_000, Duration.ofMinutes(1), 2), devices);
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
        StaffLoginGuard guard = new StaffLoginGuard(10, 10, 1_000, Duration.ofMinutes(1), 1);
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
