package io.veltrix.command.groupcommit;

/**
 * The paths of the two requests of a launch-day stampede, {@code POST /api/hunts/{huntId}/finds}
 * and {@code POST /api/hunts/{huntId}/players}: the ones the group commit carries, admission
 * control guards and the hot path answers.
 */
public final class HotRequests {

    public static final String FINDS = "/finds";
    public static final String PLAYERS = "/players";
    private static final String HUNTS = "/api/hunts/";

    private HotRequests() {
    }

    /** The hunt id of {@code /api/hunts/{huntId}<tail>}, else null. */
    public static String huntOf(String path, String tail) {
        if (!path.startsWith(HUNTS) || !path.endsWith(tail)) {
            return null;
        }
        String huntId = path.substring(HUNTS.length(), path.length() - tail.length());
        return huntId.isEmpty() || huntId.indexOf('/') >= 0 ? null : huntId;
    }

    /** Whether {@code path} is a hunt's finds or players path. */
    public static boolean isFindOrRegistration(String path) {
        return huntOf(path, FINDS) != null || huntOf(path, PLAYERS) != null;
    }
}
