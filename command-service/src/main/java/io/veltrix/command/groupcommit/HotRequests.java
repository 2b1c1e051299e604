package io.veltrix.command.groupcommit;

/**
 * The paths of the requests of a launch-day stampede, {@code POST /api/hunts/{huntId}/finds} and
 * {@code POST /api/hunts/{huntId}/players}, and in a team-mode hunt {@code POST
 * /api/hunts/{huntId}/teams} and {@code POST /api/hunts/{huntId}/teams/{teamId}/members}: the ones
 * the group commit carries and admission control guards; the hot path answers the first two.
 */
public final class HotRequests {

    public static final String FINDS = "/finds";
    public static final String PLAYERS = "/players";
    private static final String TEAMS = "/teams";
    private static final String MEMBERS = "/members";
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

    /** Whether {@code path} is a hunt's finds or players path, or a team creation or join. */
    public static boolean isFindOrRegistration(String path) {
        return huntOf(path, FINDS) != null || huntOf(path, PLAYERS) != null || isTeamCreationOrJoin(path);
    }

    /** {@code /api/hunts/{huntId}/teams} or {@code /api/hunts/{huntId}/teams/{teamId}/members}. */
    private static boolean isTeamCreationOrJoin(String path) {
        if (huntOf(path, TEAMS) != null) {
            return true;
        }
        if (!path.endsWith(MEMBERS)) {
            return false;
        }
        String team = path.substring(0, path.length() - MEMBERS.length());
        int slash = team.lastIndexOf('/');
        return slash > 0 && slash < team.length() - 1 && huntOf(team.substring(0, slash), TEAMS) != null;
    }
}
