package io.veltrix.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.audit.Digests;
import java.time.Duration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
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
 * Failures are never cached; the {@link StaffLoginGuard} counts them per client address and bounds
 * how many checks run at once.
 */
public class CachedStaffAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final Cache<String, Authentication> verified;
    private final StaffLoginGuard guard;

    public CachedStaffAuthentication(UserDetailsService users, PasswordEncoder encoder, Duration ttl,
                                     StaffLoginGuard guard) {
        this.delegate = new DaoAuthenticationProvider(encoder);
        this.delegate.setUserDetailsService(users);
        this.verified = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(ttl).build();
        this.guard = guard;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = key(authentication.getName(), String.valueOf(authentication.getCredentials()));
        Authentication known = verified.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        guard.admit(address);
        Authentication result;
        try {
            result = guard.check(() -> delegate.authenticate(authentication));
        } catch (BadCredentialsException | UsernameNotFoundException wrong) {
            guard.failed(address);
            throw wrong;
        }
        if (result != null && result.isAuthenticated()) {
            verified.put(key, result);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String key(String user, String password) {
        return Digests.sha256Hex(user + '\u0000' + password);
    }
}
