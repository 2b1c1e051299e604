package io.veltrix.bench;

/** A clue the setup published, with the answer that finds it and the points it is worth. */
record PublishedClue(String id, String answer, int points) {
}
