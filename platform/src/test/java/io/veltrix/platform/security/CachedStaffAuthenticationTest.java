package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.testsupport.TestStaff;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A remembered login holds only while the account keeps the hash it was checked against: an
 * account disabled or given a new password is refused at its next request, within the cache's time.
 */
class CachedStaffAuthenticationTest {

    private static final PasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
    private static final String OLD = "tq8-Werx-31zk-Pow";
    private static final String NEW = "Lm4-vaQe-88rt-Kix";

    /** The accounts as a service stores them; a disabled account is absent, as the stores answer it. */
    private final Map<String, String> stored = new ConcurrentHashMap<>(Map.of("alice", BCRYPT.encode(OLD)));
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private final AtomicInteger bcryptChecks = new AtomicInteger();

    private final CachedStaffAuthentication provider = new CachedStaffAuthentication(
            new StaffDirectory(StaffAccounts.fromEnvironment(new MockEnvironment()
                    .withProperty("veltrix.organizer.user", "org")
                    .withProperty("veltrix.organizer.password", TestStaff.ORGANIZER_PASSWORD)
                    .withProperty("veltrix.auditor.user", "aud")
                    .withProperty("veltrix.auditor.password", TestStaff.AUDITOR_PASSWORD)
                    .withProperty("veltrix.admin.user", "adm")
                    .withProperty("veltrix.admin.password", TestStaff.ADMIN_PASSWORD), BCRYPT),
                    name -> {
                        if (storeDown.get()) {
                            throw new DataAccessResourceFailureException("database away");
                        }
                        return Optional.ofNullable(stored.get(name));
                    }),
            new PasswordEncoder() {
                @Override
                public String encode(CharSequence raw) {
                    return BCRYPT.encode(raw);
                }

                @Override
                public boolean matches(CharSequence raw, String encoded) {
                    bcryptChecks.incrementAndGet();
                    return BCRYPT.matches(raw, encoded);
                }
            },
            Duration.ofMinutes(5), new StaffLoginGuard(1_000, 1_000, 1_000, Duration.ofMinutes(5), 2),
            DeviceCredentials.configured("", Duration.ofDays(30)));

    private void login(String user, String password) {
        assertThat(provider.authenticate(new UsernamePasswordAuthenticationToken(user, password)).isAuthenticated())
                .isTrue();
    }

    private void refused(String user, String password) {
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken(user, password)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aRememberedLoginIsCheckedWithBcryptOnlyOnce() {
        login("alice", OLD);
        login("alice", OLD);
        login("alice", OLD);
        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void aDisabledAccountIsRefusedEvenThoughItsLoginIsRemembered() {
        login("alice", OLD);
        stored.remove("alice");
        refused("alice", OLD);
        // enabled again with the same password: verified afresh
        stored.put("alice", BCRYPT.encode(OLD));
        login("alice", OLD);
    }

    @Test
    void anAccountGivenANewPasswordRefusesTheOldOneEvenThoughItIsRemembered() {
        login("alice", OLD);
        stored.put("alice", BCRYPT.encode(NEW));
        assertThatThrownBy(() -> provider.authenticate(new UsernamePasswordAuthenticationToken("alice", OLD)))
                .isInstanceOf(BadCredentialsException.class);
        login("alice", NEW);
    }

    @Test
    void whileTheAccountsCannotBeReadARememberedLoginStandsAndANewOneIsRefused() {
        login("alice", OLD);
        storeDown.set(true);
        login("alice", OLD);
        refused("alice", NEW);
        login("org", TestStaff.ORGANIZER_PASSWORD);
    }
}
