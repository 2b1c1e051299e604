package io.veltrix.api.scoring;

import io.veltrix.api.hunt.ClueId;
import java.time.Instant;
import java.util.Map;

/**
 * The scoring rules of DESIGN §2, once: score = Σ base points of found clues + first-finder bonus
 * − hint penalties ± organizer adjustments. The live projection, point-in-time boards and audit
 * replay all call these functions.
 */
public final class Scoring {

    private Scoring() {
    }

    /**
     * Whether an event recorded at {@code at} shows in a view cut off at {@code cutoff}: a frozen
     * public board shows only what happened strictly before the freeze; null means live.
     */
    public static boolean visible(Instant at, Instant cutoff) {
        return cutoff == null || at.isBefore(cutoff);
    }

    /**
     * A player's tally over their facts as seen in a view cut off at {@code cutoff} (null = live).
     *
     * @param firstFindIndex for each clue, the lowest global index of a visible {@code ClueFound}
     *                       of that clue by anyone in the hunt: a find with that index earns the bonus
     * @param firstFinderBonus the hunt's first-finder bonus
     */
    public static Tally tally(Iterable<ScoreFact> facts, Instant cutoff, Map<ClueId, Long> firstFindIndex,
                              int firstFinderBonus) {
        int score = 0;
        int clues = 0;
        int firsts = 0;
        ScoreFact last = null;
        for (ScoreFact fact : facts) {
            if (!visible(fact.at(), cutoff)) {
                continue;
            }
            score += fact.delta();
            if (fact.kind() == ScoreFact.Kind.FIND) {
                clues++;
                Long first = firstFindIndex.get(fact.clueId());
                if (first != null && first == fact.index()) {
                    firsts++;
                    score += firstFinderBonus;
                }
            }
            if (fact.changesScore() && (last == null || fact.index() > last.index())) {
                last = fact;
            }
        }
        return last == null
                ? new Tally(score, clues, firsts, null, -1)
                : new Tally(score, clues, firsts, last.at(), last.index());
    }
}
