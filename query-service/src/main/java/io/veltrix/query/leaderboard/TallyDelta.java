package io.veltrix.query.leaderboard;

import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoring;
import io.veltrix.api.scoring.Tally;
import io.veltrix.query.leaderboard.FirstFinds.First;
import io.veltrix.query.leaderboard.FirstFinds.Firsts;
import java.util.Map;

/**
 * What a batch adds to one player's stored tally, per view: the shared scoring step over the
 * batch's new facts only, with first finds judged against the firsts as they stand after the
 * batch, and the bonus given back for each stored first find a lower index took over.
 */
final class TallyDelta {
    Tally live = Tally.NOTHING;
    Tally pub = Tally.NOTHING;

    void add(ScoreFact fact, BoardRules rules, Map<String, Firsts> firsts) {
        Firsts clue = fact.clueId() == null ? null : firsts.get(fact.clueId().value());
        live = Scoring.add(live, fact, isFirst(fact, clue == null ? null : clue.live()), rules.bonus());
        if (Scoring.visible(fact.at(), rules.frozenAt())) {
            pub = Scoring.add(pub, fact, isFirst(fact, clue == null ? null : clue.pub()), rules.bonus());
        }
    }

    private static boolean isFirst(ScoreFact fact, First first) {
        return Scoring.isFirstFind(fact, first == null ? null : first.index());
    }

    /** A first find of this player's, stored and counted, was taken over by a lower index. */
    void lostFirst(boolean inPublicView, BoardRules rules) {
        if (inPublicView) {
            pub = Scoring.firstFindLost(pub, rules.bonus());
        } else {
            live = Scoring.firstFindLost(live, rules.bonus());
        }
    }
}
