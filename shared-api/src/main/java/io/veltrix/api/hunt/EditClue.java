package io.veltrix.api.hunt;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a clue of a DRAFT hunt. {@code salt} and {@code answerHashes} are both null to keep the
 * accepted answers, or both given (hashed as in {@link AddClue}) to replace them.
 */
public record EditClue(@TargetAggregateIdentifier HuntId huntId,
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
