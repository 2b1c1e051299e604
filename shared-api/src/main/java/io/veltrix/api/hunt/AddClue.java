package io.veltrix.api.hunt;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a clue to a DRAFT hunt. The answers arrive already hashed: the plain answer never
 * travels past the HTTP edge.
 */
public record AddClue(@TargetAggregateIdentifier HuntId huntId,
                      ClueId clueId,
                      String title,
                      String riddle,
                      int points,
                      String hint,
                      int hintPenalty,
                      String salt,
                      List<String> answerHashes,
                      String organizer) {
}
