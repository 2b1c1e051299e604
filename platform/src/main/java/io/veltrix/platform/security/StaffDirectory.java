package io.veltrix.platform.security;

import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Every staff account: first the configured ones ({@link StaffAccounts}: the bootstrap organizer,
 * auditor and admin), then the organizer accounts stored in the database. A configured name
 * always means the configured account, so no stored account can take over one of those.
 */
public class StaffDirectory implements UserDetailsService {

    private final InMemoryUserDetailsManager configured;
    private final StoredOrganizers stored;

    public StaffDirectory(InMemoryUserDetailsManager configured, StoredOrganizers stored) {
        this.configured = configured;
        this.stored = stored;
    }

    @Override
    public UserDetails loadUserByUsername(String username) throws UsernameNotFoundException {
        if (configured.userExists(username)) {
            return configured.loadUserByUsername(username);
        }
        String name = username.toLowerCase(Locale.ROOT);
        return stored.passwordHashOf(name)
                .map(hash -> User.withUsername(name).password(hash).roles(Roles.ORGANIZER).build())
                .orElseThrow(() -> new UsernameNotFoundException("no staff account of that name"));
    }

    /** Whether {@code username} names an account of the configuration (compared ignoring case). */
    public boolean isConfigured(String username) {
        return configured.userExists(username);
    }

    /**
     * The account name of the organizer called {@code username} (configured or stored), as its
     * events name it; empty when no organizer has that name (auditors and admins are not organizers).
     */
    public Optional<String> organizerNamed(String username) {
        if (configured.userExists(username)) {
            UserDetails user = configured.loadUserByUsername(username);
            boolean organizer = user.getAuthorities().stream()
                    .anyMatch(a -> ("ROLE_" + Roles.ORGANIZER).equals(a.getAuthority()));
            return organizer ? Optional.of(user.getUsername()) : Optional.empty();
        }
        String name = username.toLowerCase(Locale.ROOT);
        return stored.passwordHashOf(name).map(hash -> name);
    }
}
