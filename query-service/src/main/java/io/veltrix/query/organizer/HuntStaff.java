package io.veltrix.query.organizer;

import io.veltrix.platform.security.Roles;
import io.veltrix.query.Viewer;
import io.veltrix.query.leaderboard.BoardView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which staff may read which hunt's staff views. Admins every hunt; auditors every hunt's live
 * board, drafts and alerts (they read the whole history anyway); an organizer only the hunts it
 * created or was added to ({@code hunt_staff}). Anyone else is the public.
 */
@Component
public class HuntStaff {

    private final JdbcClient jdbc;

    public HuntStaff(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the caller runs this hunt: an admin, or an organizer of it. */
    public boolean organizes(Authentication auth, String huntId) {
        if (Viewer.hasRole(auth, Roles.ADMIN)) {
            return true;
        }
        return Viewer.hasRole(auth, Roles.ORGANIZER) && jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM hunt_staff WHERE hunt_id = ? AND username = ?)")
                .params(huntId, auth.getName()).query(Boolean.class).single();
    }

    /** Whether the caller sees the hunt as staff do: live board, draft, wrong-answer alerts. */
    public boolean seesStaffView(Authentication auth, String huntId) {
        return Viewer.hasRole(auth, Roles.AUDITOR) || organizes(auth, huntId);
    }

    /** Whether the caller sees every hunt's draft (admins and auditors). */
    public static boolean seesAllDrafts(Authentication auth) {
        return Viewer.hasRole(auth, Roles.ADMIN) || Viewer.hasRole(auth, Roles.AUDITOR);
    }

    /** The organizer whose own drafts the caller sees in lists, or null. */
    public static String draftsOf(Authentication auth) {
        return Viewer.hasRole(auth, Roles.ORGANIZER) ? auth.getName() : null;
    }

    public BoardView boardView(Authentication auth, String huntId) {
        return seesStaffView(auth, huntId) ? BoardView.LIVE : BoardView.PUBLIC;
    }
}
