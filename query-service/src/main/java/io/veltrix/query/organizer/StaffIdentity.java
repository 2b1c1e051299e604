package io.veltrix.query.organizer;

import io.veltrix.platform.security.Roles;
import io.veltrix.query.Viewer;
import java.util.List;
import org.springframework.security.core.Authentication;

/**
 * Who a staff login is, as the console needs it to show only what the account may do: its name,
 * whether it runs hunts (organizers and admins), administers accounts (admins), and whether it is
 * an organizer account from the database, the only kind that changes its own password (a
 * configured account's password is configuration).
 */
record StaffIdentity(String username, List<String> roles, boolean runsHunts, boolean admin, boolean ownPassword) {

    private static final List<String> STAFF_ROLES = List.of(Roles.ORGANIZER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN);

    static StaffIdentity of(Authentication auth, boolean configured) {
        List<String> roles = STAFF_ROLES.stream().filter(role -> Viewer.hasRole(auth, role)).toList();
        boolean admin = roles.contains(Roles.ADMIN);
        boolean organizer = roles.contains(Roles.ORGANIZER);
        return new StaffIdentity(auth.getName(), roles, organizer || admin, admin, organizer && !configured);
    }
}
