package io.veltrix.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.audit.Digests;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic for staff, checking a BCrypt hash once per credential and then remembering the
 * success for a short while (keyed by a SHA-256 of user and password, in memory only): BCrypt
 * costs tens of milliseconds of CPU by design, too much to pay on every organizer request.
 * A remembered success holds only while the account still has the hash it was checked against:
 * every hit looks the account up again (one indexed read, no BCrypt), so an account disabled or
 * given a new password, on any instance, is refused at its next request. Failures are never cached;
 * the {@link StaffLoginGuard} counts them per client address, or per device when the login presents
 * a valid device credential of its account ({@link DeviceCredentials}), and bounds how many checks run
 * at once.
 */
public class CachedStaffAuthentication implements AuthenticationProvider {

    /** A success and the password hash it was checked against. */
    private record Verified(Authentication authentication, String passwordHash) {
    }

    private final UserDetailsService users;
    private final DaoAuthenticationProvider delegate;
    private final Cache<String, Verified> verified;
    private final StaffLoginGuard guard;
    private final DeviceCredentials devices;

    public CachedStaffAuthentication(UserDetailsService users, PasswordEncoder encoder, Duration ttl,
                                     StaffLoginGuard guard, DeviceCredentials devices) {
        this.users = users;
        this.delegate = new DaoAuthenticationProvider(encoder);
        this.delegate.setUserDetailsService(users);
        this.verified = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(ttl).build();
        this.guard = guard;
        this.devices = devices;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = key(authentication.getName(), String.valueOf(authentication.getCredentials()));
        Verified known = verified.getIfPresent(key);
        if (known != null) {
            if (stillHolds(authentication.getName(), known.passwordHash())) {
                return known.authentication();
            }
            verified.invalidate(key);
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        String device = trustedDevice(authentication);
        guard.admit(address, device, authentication.getName());
        // read before the check: if the hash changes in between, the next hit sees it differ
        String hashChecked = currentHash(authentication.getName());
        Authentication result;
        try {
            result = guard.check(() -> delegate.authenticate(authentication));
        } catch (BadCredentialsException | UsernameNotFoundException wrong) {
            guard.failed(address, device, authentication.getName());
            throw wrong;
        }
        if (result != null && result.isAuthenticated() && hashChecked != null) {
            verified.put(key, new Verified(result, hashChecked));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * Whether the account still has the hash a remembered success was checked against. When the
     * accounts cannot be read (the database away), the success stands: the request then fails on its
     * own reads and writes with the service's 503, as every request does, instead of passing for a
     * wrong password with 401.
     */
    private boolean stillHolds(String username, String passwordHash) {
        try {
            return passwordHash.equals(currentHash(username));
        } catch (InternalAuthenticationServiceException unreadable) {
            return true;
        }
    }

    /**
     * The device id of a valid device credential the login presents for its account (named as the
     * account is stored: names are matched ignoring case); null without one. A credential forged,
     * expired or issued for another account makes the login untrusted.
     */
    private String trustedDevice(Authentication authentication) {
        if (!(authentication.getDetails() instanceof StaffLoginDetails details) || details.deviceCredential() == null) {
            return null;
        }
        String account;
        try {
            account = users.loadUserByUsername(authentication.getName()).getUsername();
        } catch (UsernameNotFoundException none) {
            return null;
        } catch (RuntimeException unreadable) {
            throw new InternalAuthenticationServiceException("the staff accounts cannot be read", unreadable);
        }
        return devices.verify(details.deviceCredential(), account).map(DeviceCredentials.Device::id).orElse(null);
    }

    /** The account's password hash as stored now; null for no account (or a disabled one). */
    private String currentHash(String username) {
        try {
            return users.loadUserByUsername(username).getPassword();
        } catch (UsernameNotFoundException none) {
            return null;
        } catch (RuntimeException unreadable) {
            throw new InternalAuthenticationServiceException("the staff accounts cannot be read", unreadable);
        }
    }

    private static String key(String user, String password) {
        return Digests.sha256Hex(user + '\u0000' + password);
    }
}
