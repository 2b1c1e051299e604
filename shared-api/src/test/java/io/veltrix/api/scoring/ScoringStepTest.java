package io.veltrix.api.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.ClueId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scoring step a running tally takes ({@link Scoring#add}, {@link Scoring#firstFindLost})
 * gives what {@link Scoring#tally} gives over all the facts at once, whatever order and grouping
 * the facts arrive in.
 */
class ScoringStepTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final int BONUS = 7;

    private static List<ScoreFact> facts(Random random) {
        List<ScoreFact> facts = new ArrayList<>();
        int count = random.nextInt(30);
        for (int i = 0; i < count; i++) {
            long index = 10L * i + random.nextInt(10);
            Instant at = T0.plusSeconds(random.nextInt(100)); // clocks disagree with global order
            ClueId clue = new ClueId("c" + random.nextInt(4));
            facts.add(switch (random.nextInt(3)) {
                case 0 -> new ScoreFact(index, at, ScoreFact.Kind.FIND, clue, 1 + random.nextInt(20));
                case 1 -> new ScoreFact(index, at, ScoreFact.Kind.HINT, clue, random.nextInt(3));
                default -> new ScoreFact(index, at, ScoreFact.Kind.ADJUSTMENT, null, random.nextInt(11) - 5);
            });
        }
        return facts;
    }

    private static Map<ClueId, Long> someFirsts(List<ScoreFact> facts, Random random) {
        Map<ClueId, Long> firsts = new HashMap<>();
        for (ScoreFact fact : facts) {
            if (fact.kind() == ScoreFact.Kind.FIND && random.nextBoolean()) {
                firsts.put(fact.clueId(), fact.index());
            }
        }
        return firsts;
    }

    @Test
    void factsCountedOneByOneInAnyOrderGiveTheTally() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<ScoreFact> facts = facts(random);
            Map<ClueId, Long> firsts = someFirsts(facts, random);
            Tally whole = Scoring.tally(facts, null, firsts, BONUS);
            List<ScoreFact> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            Tally running = Tally.NOTHING;
            for (ScoreFact fact : shuffled) {
                running = Scoring.add(running, fact, Scoring.isFirstFind(fact, firsts.get(fact.clueId())), BONUS);
            }
            assertThat(running).as("seed %d", seed).isEqualTo(whole);
        }
    }

    @Test
    void aFirstFindTakenOverByALowerIndexGivesBackTheBonusAndKeepsTheFind() {
        ScoreFact find = new ScoreFact(20, T0.plusSeconds(5), ScoreFact.Kind.FIND, new ClueId("c"), 10);
        ScoreFact adjustment = new ScoreFact(30, T0.plusSeconds(9), ScoreFact.Kind.ADJUSTMENT, null, 3);
        Tally first = Scoring.tally(List.of(find, adjustment), null, Map.of(find.clueId(), 20L), BONUS);
        Tally second = Scoring.tally(List.of(find, adjustment), null, Map.of(find.clueId(), 12L), BONUS);
        assertThat(first.score()).isEqualTo(10 + BONUS + 3);
        assertThat(Scoring.firstFindLost(first, BONUS)).isEqualTo(second);
    }

    @Test
    void onlyTheFindWithTheFirstIndexHoldsTheBonus() {
        ScoreFact find = new ScoreFact(20, T0, ScoreFact.Kind.FIND, new ClueId("c"), 10);
        ScoreFact hint = new ScoreFact(20, T0, ScoreFact.Kind.HINT, new ClueId("c"), 2);
        assertThat(Scoring.isFirstFind(find, 20L)).isTrue();
        assertThat(Scoring.isFirstFind(find, 19L)).isFalse();
        assertThat(Scoring.isFirstFind(find, null)).isFalse();
        assertThat(Scoring.isFirstFind(hint, 20L)).isFalse();
    }
}
