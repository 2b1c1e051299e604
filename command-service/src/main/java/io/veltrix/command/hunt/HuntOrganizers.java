package io.veltrix.command.hunt;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.security.Roles;
import java.security.Principal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may run a hunt: the account that created it, its co-organizers ({@code hunt_organizer}) and
 * any admin. Every staff request about one hunt passes here before it changes anything.
 */
@Component
public class HuntOrganizers {

    private final JdbcClient jdbc;

    public HuntOrganizers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Refuses (403) a caller who neither organizes the hunt nor is an admin. A hunt that does not
     * exist is refused the same way, so an organizer learns nothing about other organizers' hunts.
     */
    public void requireRuns(Principal caller, String huntId) {
        if (isAdmin(caller)) {
            return;
        }
        boolean organizes = jdbc.sql("SELECT EXISTS (SELECT 1 FROM hunt_organizer WHERE hunt_id = ? AND username = ?)")
                .params(huntId, caller.getName()).query(Boolean.class).single();
        if (!organizes) {
            throw RuleViolation.forbidden("not-your-hunt",
                    "only an organizer of this hunt or an admin may do this; an organizer of the hunt can add you");
        }
    }

    /** Whether the caller is an admin, who runs every hunt. */
    public static boolean isAdmin(Principal caller) {
        return caller instanceof Authentication auth && auth.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Roles.ADMIN).equals(a.getAuthority()));
    }
}
