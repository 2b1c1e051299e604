package io.veltrix.api.scoring;

import io.veltrix.api.hunt.ClueId;
import java.time.Instant;
import java.util.Map;

/**
 * The scoring rules of docs/design.md §2.6, once: score = Σ base points of found clues + first-finder bonus
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
        Tally tally = Tally.NOTHING;
        for (ScoreFact fact : facts) {
            if (visible(fact.at(), cutoff)) {
                Long first = fact.kind() == ScoreFact.Kind.FIND ? firstFindIndex.get(fact.clueId()) : null;
                tally = add(tally, fact, isFirstFind(fact, first), firstFinderBonus);
            }
        }
        return tally;
    }

    /** Whether {@code fact} is the find holding its clue's first-finder bonus ({@code firstFindIndex}: null if none). */
    public static boolean isFirstFind(ScoreFact fact, Long firstFindIndex) {
        return fact.kind() == ScoreFact.Kind.FIND && firstFindIndex != null && firstFindIndex == fact.index();
    }

    /**
     * One fact counted into a tally, facts in any order: the step {@link #tally} takes for each
     * fact, and the one a running tally takes for the facts it has not counted yet.
     *
     * @param firstFind whether the fact is the find that holds its clue's first-finder bonus
     */
    public static Tally add(Tally tally, ScoreFact fact, boolean firstFind, int firstFinderBonus) {
        int score = tally.score() + fact.delta();
        int clues = tally.cluesFound();
        int firsts = tally.firstFinds();
        if (fact.kind() == ScoreFact.Kind.FIND) {
            clues++;
            if (firstFind) {
                firsts++;
                score += firstFinderBonus;
            }
        }
        boolean latest = fact.changesScore() && fact.index() > tally.lastScoredIndex();
        return new Tally(score, clues, firsts, latest ? fact.at() : tally.lastScoredAt(),
                latest ? fact.index() : tally.lastScoredIndex());
    }

    /**
     * A tally that counted one of its finds as a clue's first, after a find with a lower global
     * index took that place: the bonus goes back, the find still counts.
     */
    public static Tally firstFindLost(Tally tally, int firstFinderBonus) {
        return new Tally(tally.score() - firstFinderBonus, tally.cluesFound(), tally.firstFinds() - 1,
                tally.lastScoredAt(), tally.lastScoredIndex());
    }
}
