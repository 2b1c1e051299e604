package io.veltrix.query;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.security.PlayerPrincipal;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/** Who is reading, as far as the query side cares; which hunts' staff views they see is {@code HuntStaff}'s. */
public final class Viewer {

    private Viewer() {
    }

    public static boolean hasRole(Authentication auth, String role) {
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }

    public static Optional<PlayerPrincipal> player(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof PlayerPrincipal p ? Optional.of(p) : Optional.empty();
    }

    public static void checkPage(int limit, int offset, int maxPage) {
        if (limit < 1 || limit > maxPage) {
            throw RuleViolation.invalid("invalid-limit", "limit must be between 1 and " + maxPage);
        }
        if (offset < 0) {
            throw RuleViolation.invalid("invalid-offset", "offset must not be negative");
        }
    }
}
