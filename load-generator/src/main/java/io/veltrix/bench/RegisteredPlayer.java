package io.veltrix.bench;

/** A player the stampede registered; {@code index} is its place in the run's list of players (the pacer's key). */
record RegisteredPlayer(int index, String id, String handle, String token) {
}
