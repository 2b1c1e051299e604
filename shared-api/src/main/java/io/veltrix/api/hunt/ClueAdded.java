package io.veltrix.api.hunt;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A clue joined a hunt. {@code answerHashes} are HMAC-SHA256(server key, salt ‖ normalized
 * answer), hex encoded, one per accepted answer; the plain answers are never recorded.
 */
@Revision("1")
public record ClueAdded(HuntId huntId,
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
