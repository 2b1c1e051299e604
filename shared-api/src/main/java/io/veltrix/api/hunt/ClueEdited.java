package io.veltrix.api.hunt;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A clue of a DRAFT hunt now reads as this, replacing what {@link ClueAdded} and earlier edits said.
 * {@code salt} and {@code answerHashes} are null when the accepted answers stayed as they were, else
 * the new answers hashed as in {@link ClueAdded}; the plain answers are never recorded.
 */
@Revision("1")
public record ClueEdited(HuntId huntId,
                         ClueId clueId,
                         String title,
                         String riddle,
                         int points,
                         String hint,
                         int hintPenalty,
                         String salt,
                         List<String> answerHashes,
                         String by) {
}
