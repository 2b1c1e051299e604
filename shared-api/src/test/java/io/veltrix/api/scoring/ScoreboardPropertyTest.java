package io.veltrix.api.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The fold gives the same boards however the stream is cut into batches, after a reset and
 * refold, and even in another order (segments of a streaming processor see the stream so).
 */
class ScoreboardPropertyTest {

    /** Each int becomes one event of a small hunt; timestamps jitter so clock and index order disagree. */
    @Provide
    Arbitrary<HuntStory> stories() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(120).map(codes -> {
            HuntStory story = new HuntStory().created(0, 5);
            int players = 6;
            for (int p = 1; p <= players; p++) {
                story.registered(p, p);
            }
            long clock = 10;
            for (int code : codes) {
                Random r = new Random(code);
                clock += r.nextInt(5) - 1;
                int p = 1 + r.nextInt(players + 1); // one unregistered-yet player now and then
                int clue = 1 + r.nextInt(4);
                switch (r.nextInt(10)) {
                    case 0, 1, 2, 3 -> story.found(clock, p, clue, 1 + r.nextInt(20));
                    case 4 -> story.hint(clock, p, clue, r.nextInt(4));
                    case 5 -> story.adjusted(clock, p, r.nextInt(11) - 5);
                    case 6 -> story.disqualified(clock, p);
                    case 7 -> story.reinstated(clock, p);
                    case 8 -> story.frozen(clock, clock + r.nextInt(20) - 10);
                    default -> story.registered(clock, p);
                }
            }
            return story;
        });
    }

    private static Scoreboard onePass(HuntStory story) {
        return story.fold();
    }

    private static void assertSameBoards(Scoreboard actual, Scoreboard expected) {
        assertThat(actual.live()).isEqualTo(expected.live());
        assertThat(actual.publicBoard()).isEqualTo(expected.publicBoard());
    }

    @Property(tries = 300)
    void batchingDoesNotMatter(@ForAll("stories") HuntStory story, @ForAll @IntRange(min = 1, max = 40) int maxBatch,
                               @ForAll long seed) {
        Random random = new Random(seed);
        Scoreboard batched = new Scoreboard(story.hunt);
        int i = 0;
        while (i < story.events.size()) {
            int n = 1 + random.nextInt(maxBatch);
            List<IndexedEvent> batch = story.events.subList(i, Math.min(story.events.size(), i + n));
            batched.applyAll(batch);
            batched.live(); // reading between batches must not disturb the fold
            i += n;
        }
        assertSameBoards(batched, onePass(story));
    }

    @Property(tries = 200)
    void resetAndRefoldGivesTheSameBoard(@ForAll("stories") HuntStory story, @ForAll @IntRange(min = 0, max = 200) int cut) {
        Scoreboard board = new Scoreboard(story.hunt);
        board.applyAll(story.events.subList(0, Math.min(cut, story.events.size())));
        board.reset();
        board.applyAll(story.events);
        assertSameBoards(board, onePass(story));
    }

    @Property(tries = 200)
    void arrivalOrderDoesNotMatter(@ForAll("stories") HuntStory story, @ForAll long seed) {
        List<IndexedEvent> shuffled = new ArrayList<>(story.events);
        Collections.shuffle(shuffled, new Random(seed));
        Scoreboard board = new Scoreboard(story.hunt);
        board.applyAll(shuffled);
        assertSameBoards(board, onePass(story));
    }

    @Property(tries = 100)
    void replayingEventsTwiceChangesNothing(@ForAll("stories") HuntStory story) {
        Scoreboard board = onePass(story);
        board.applyAll(story.events);
        assertSameBoards(board, onePass(story));
    }
}
