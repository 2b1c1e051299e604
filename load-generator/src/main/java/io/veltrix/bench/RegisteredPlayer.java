package io.veltrix.bench;

/**
 * A player the stampede registered; {@code index} is its place in the run's list of players. In a
 * team-mode run it is a member of team {@code teamId}, the {@code teamIndex}-th team created; solo,
 * both are absent (null, -1).
 */
record RegisteredPlayer(int index, String id, String handle, String token, String teamId, int teamIndex) {

    /** A solo player. */
    RegisteredPlayer(int index, String id, String handle, String token) {
        this(index, id, handle, token, null, -1);
    }

    /** Who scores for this player's finds, and whose board line they are: the team in team mode. */
    String competitor() {
        return teamId != null ? teamId : id;
    }

    /**
     * The pacer's key: the service limits submissions per team in team mode (every member draws on
     * one rate), per player solo.
     */
    int paceKey() {
        return teamId != null ? teamIndex : index;
    }
}
