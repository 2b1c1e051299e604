package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.query.QueryTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link BoardWriter} folds a batch's new facts onto the stored tallies instead of refolding each
 * player's history. Here batches go straight to the writer, in orders the processor produces only
 * now and then (gap fills below a player's latest index, a lower index taking a first find over,
 * facts before their player's registration, a bonus or freeze arriving late, the same event
 * twice), and after every batch both boards must equal the shared fold of what was delivered.
 */
class IncrementalTallyTest extends QueryTestBase {

    /** Far above the indexes the running processors store in the shared lb_fact. */
    private static final AtomicLong NEXT_BASE = new AtomicLong(1L << 40);
    private static final Instant T0 = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    BoardWriter writer;
    @Autowired
    PlatformTransactionManager transactionManager;

    private final List<IndexedEvent> delivered = new ArrayList<>();
    private HuntId hunt;
    private long base;

    private IndexedEvent event(long offset, long seconds, Object payload) {
        return new IndexedEvent(base + offset, T0.plusSeconds(seconds), payload);
    }

    @Test
    void lateLowerIndexesMoveLastScoredAndFirstFindsAsTheFoldDoes() {
        hunt = HuntId.random();
        base = NEXT_BASE.getAndAdd(1_000_000);
        PlayerId a = PlayerId.random();
        PlayerId b = PlayerId.random();
        ClueId c1 = new ClueId("c1");
        ClueId c2 = new ClueId("c2");
        deliver(event(0, 0, new HuntCreated(hunt, "h", null, null, null, 5, 5, 60, "organizer")),
                event(1, 0, new PlayerRegistered(a, hunt, "alpha", "x")),
                event(2, 0, new PlayerRegistered(b, hunt, "bravo", "y")));
        // a's tally advances to index 21...
        deliver(event(20, 20, new ClueFound(a, hunt, c1, 10)), event(21, 21, new ScoreAdjusted(a, hunt, 3, "r", "org")));
        assertThat(line(a).score()).isEqualTo(18);
        // ...then a gap fill below it: a's hint (14) must not become a's "last scored", and b's find
        // of c1 at 12 takes the first-finder bonus from a
        deliver(event(14, 25, new HintTaken(a, hunt, c2, 2)), event(12, 12, new ClueFound(b, hunt, c1, 10)));
        assertThat(line(a).score()).isEqualTo(11);
        assertThat(line(a).lastScoredAt()).isEqualTo(T0.plusSeconds(21));
        assertThat(line(b).score()).isEqualTo(15);
        // an even lower find, before its player's registration arrives, then the registration
        PlayerId c = PlayerId.random();
        deliver(event(11, 11, new ClueFound(c, hunt, c1, 10)));
        assertThat(line(b).score()).isEqualTo(10);
        deliver(event(3, 0, new PlayerRegistered(c, hunt, "charlie", "z")));
        assertThat(line(c).score()).isEqualTo(15);
        // a freeze before a's find: public board without it; then a late find before the freeze
        deliver(event(40, 40, new ScoreboardFrozen(hunt, T0.plusSeconds(15), "org")));
        deliver(event(13, 13, new ClueFound(a, hunt, c2, 20)), event(41, 41, new ClueFound(b, hunt, c2, 20)));
        // the same events again change nothing
        deliver(event(13, 13, new ClueFound(a, hunt, c2, 20)), event(21, 21, new ScoreAdjusted(a, hunt, 3, "r", "org")));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shuffledBatchesEqualTheFoldAfterEveryBatch(long seed) {
        Random random = new Random(seed);
        hunt = HuntId.random();
        base = NEXT_BASE.getAndAdd(1_000_000);
        List<PlayerId> players = new ArrayList<>();
        List<ClueId> clues = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            players.add(PlayerId.random());
        }
        for (int i = 0; i < 5; i++) {
            clues.add(new ClueId("clue-" + i));
        }
        List<IndexedEvent> events = new ArrayList<>();
        long index = 0;
        events.add(event(index++, 0, new HuntCreated(hunt, "h", null, null, null, 1 + random.nextInt(9), 5, 60, "organizer")));
        for (int i = 0; i < players.size(); i++) {
            events.add(event(index++, random.nextInt(30), new PlayerRegistered(players.get(i), hunt, "p" + i, "h" + i)));
        }
        boolean frozen = false;
        for (int i = 0; i < 150; i++) {
            PlayerId p = players.get(random.nextInt(players.size()));
            ClueId clue = clues.get(random.nextInt(clues.size()));
            long at = random.nextInt(200); // clocks disagree with global order
            int roll = random.nextInt(20);
            Object payload;
            if (roll < 10) {
                payload = new ClueFound(p, hunt, clue, 10 + 10 * clues.indexOf(clue));
            } else if (roll < 13) {
                payload = new HintTaken(p, hunt, clue, random.nextInt(3));
            } else if (roll < 16) {
                payload = new ScoreAdjusted(p, hunt, random.nextInt(11) - 5, "r", "org");
            } else if (roll == 16) {
                payload = new PlayerDisqualified(p, hunt, "r", "org");
            } else if (roll == 17) {
                payload = new PlayerReinstated(p, hunt, "org");
            } else if (roll == 18 && !frozen) {
                frozen = true;
                payload = new ScoreboardFrozen(hunt, T0.plusSeconds(50 + random.nextInt(100)), "org");
            } else {
                payload = new ScoreAdjusted(p, hunt, 0, "noted", "org");
            }
            events.add(event(index++, at, payload));
        }
        // mostly in order, as the processor delivers; some score facts, the bonus and the freeze
        // held back and delivered late (a player's registration comes before their disqualification
        // and reinstatement, which are events of the same aggregate)
        List<IndexedEvent> order = new ArrayList<>(events);
        List<IndexedEvent> late = new ArrayList<>();
        order.removeIf(e -> !(e.payload() instanceof PlayerRegistered || e.payload() instanceof PlayerDisqualified
                || e.payload() instanceof PlayerReinstated) && random.nextInt(5) == 0 && late.add(e));
        Collections.shuffle(late, random);
        for (IndexedEvent e : late) {
            order.add(random.nextInt(order.size() + 1), e);
        }
        for (int i = 0; i < 10; i++) { // re-deliveries
            order.add(random.nextInt(order.size() + 1), events.get(random.nextInt(events.size())));
        }
        for (int i = 0; i < order.size(); ) {
            int size = 1 + random.nextInt(25);
            deliver(order.subList(i, Math.min(order.size(), i + size)).toArray(IndexedEvent[]::new));
            i += size;
        }
    }

    /** One processor batch: the events go to the writer in one transaction; then the boards must equal the fold. */
    private void deliver(IndexedEvent... events) {
        BoardChanges.Batch batch = new BoardChanges.Batch(new TreeMap<>());
        BoardChanges c = batch.hunt(hunt.value());
        for (IndexedEvent e : events) {
            long i = e.index();
            Instant at = e.timestamp();
            Object payload = e.payload();
            if (payload instanceof HuntCreated p) {
                c.bonus(i, p.firstFinderBonus());
            } else if (payload instanceof ScoreboardFrozen p) {
                c.freeze(i, p.at());
            } else if (payload instanceof PlayerRegistered p) {
                c.registered(p.playerId().value(), p.handle(), i, at);
            } else if (payload instanceof PlayerDisqualified p) {
                c.disqualified(p.playerId().value(), i, true);
            } else if (payload instanceof PlayerReinstated p) {
                c.disqualified(p.playerId().value(), i, false);
            } else if (payload instanceof ClueFound p) {
                c.fact(p.playerId().value(), new ScoreFact(i, at, ScoreFact.Kind.FIND, p.clueId(), p.points()));
            } else if (payload instanceof HintTaken p) {
                c.fact(p.playerId().value(), new ScoreFact(i, at, ScoreFact.Kind.HINT, p.clueId(), p.penalty()));
            } else if (payload instanceof ScoreAdjusted p) {
                c.fact(p.playerId().value(), new ScoreFact(i, at, ScoreFact.Kind.ADJUSTMENT, null, p.points()));
            } else {
                throw new IllegalArgumentException(e.toString());
            }
            delivered.add(e);
        }
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> writer.write(batch));
        Scoreboard fold = new Scoreboard(hunt);
        fold.applyAll(delivered);
        int all = fold.live().size() + 1;
        assertThat(leaderboards.page(hunt.value(), BoardView.LIVE, all, 0)).as("live board after %s", List.of(events))
                .isEqualTo(asLines(fold.live()));
        assertThat(leaderboards.page(hunt.value(), BoardView.PUBLIC, all, 0)).as("public board after %s", List.of(events))
                .isEqualTo(asLines(fold.publicBoard()));
    }

    private BoardLine line(PlayerId player) {
        return leaderboards.page(hunt.value(), BoardView.LIVE, 100, 0).stream()
                .filter(l -> l.playerId().equals(player.value())).findFirst().orElseThrow();
    }
}
