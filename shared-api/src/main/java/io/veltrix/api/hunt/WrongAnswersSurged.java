package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/**
 * A clue drew {@code wrongPerMinute} wrong answers in a minute from all players together, above the
 * service's alert rate: a brute force through many players, or a clue whose answers are wrong.
 * An observation for organizers and auditors; scoring ignores it.
 */
@Revision("1")
public record WrongAnswersSurged(HuntId huntId, ClueId clueId, int wrongPerMinute) {
}
