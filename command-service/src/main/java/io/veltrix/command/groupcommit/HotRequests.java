package io.veltrix.command.groupcommit;

/**
 * The paths of the requests of a launch-day crowd, {@code POST /api/hunts/{huntId}/finds},
 * {@code POST /api/hunts/{huntId}/hints/{clueId}} and {@code POST /api/hunts/{huntId}/players}, and in
 * a team-mode hunt {@code POST /api/hunts/{huntId}/teams} and {@code POST
 * /api/hunts/{huntId}/teams/{teamId}/members}: the ones the group commit carries and admission
 * control guards. The hot path answers all but hints.
 */
public final class HotRequests {

    public static final String FINDS = "/finds";
    public static final String PLAYERS = "/players";
    public static final String TEAMS = "/teams";
    private static final String MEMBERS = "/members";
    private static final String HINTS = "/hints";
    private static final String HUNTS = "/api/hunts/";

    private HotRequests() {
    }

    /** The hunt id of {@code /api/hunts/{huntId}<tail>}, else null. */
    public static String huntOf(String path, String tail) {
        // the length check: in /api/hunts/finds the tail's slash is the prefix's
        if (path.length() <= HUNTS.length() + tail.length() || !path.startsWith(HUNTS) || !path.endsWith(tail)) {
            return null;
        }
        String huntId = path.substring(HUNTS.length(), path.length() - tail.length());
        return huntId.isEmpty() || huntId.indexOf('/') >= 0 ? null : huntId;
    }

    /** The hunt id of {@code /api/hunts/{huntId}/teams/{teamId}/members}, else null. */
    public static String huntOfJoin(String path) {
        int slash = teamSlash(path);
        return slash < 0 ? null : huntOf(path.substring(0, slash), TEAMS);
    }

    /** The team id of {@code /api/hunts/{huntId}/teams/{teamId}/members}, else null. */
    public static String teamOfJoin(String path) {
        int slash = teamSlash(path);
        return slash < 0 || huntOf(path.substring(0, slash), TEAMS) == null
                ? null : path.substring(slash + 1, path.length() - MEMBERS.length());
    }

    /** Where the slash before the team id is in a path ending in {@code /{teamId}/members}; -1 if none. */
    private static int teamSlash(String path) {
        if (!path.endsWith(MEMBERS)) {
            return -1;
        }
        int end = path.length() - MEMBERS.length();
        int slash = path.lastIndexOf('/', end - 1);
        return slash > 0 && slash < end - 1 ? slash : -1;
    }

    /** Whether {@code path} is a find, a hint, a registration, a team creation or a team join. */
    public static boolean isHot(String path) {
        return huntOf(path, FINDS) != null || huntOf(path, PLAYERS) != null || huntOf(path, TEAMS) != null
                || huntOfJoin(path) != null || isHint(path);
    }

    /** {@code /api/hunts/{huntId}/hints/{clueId}}. */
    private static boolean isHint(String path) {
        int slash = path.lastIndexOf('/');
        // the region check first: no substring for the paths of every other request
        return slash > HINTS.length() && slash < path.length() - 1 && path.startsWith(HINTS, slash - HINTS.length())
                && huntOf(path.substring(0, slash), HINTS) != null;
    }
}
