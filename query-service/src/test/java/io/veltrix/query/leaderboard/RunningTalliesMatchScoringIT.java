package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.fail;

import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.Standing;
import io.veltrix.api.scoring.TeamStanding;
import io.veltrix.platform.eventstore.IndexedJdbcEventStorageEngine;
import io.veltrix.query.EventLog;
import io.veltrix.query.QueryTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The leaderboard keeps running tallies (stored sums, first finds, "reached at") instead of
 * computing boards from the facts; this proves them equal to the shared scoring fold. Random
 * histories ({@link RandomHuntHistory}) go through the real projection, its handlers and its
 * set-wise writer, in the processor's unit of work and transaction, batch by batch in a delivery
 * order the processor may produce; after every batch the stored boards must be what
 * {@link Scoreboard} makes of the events delivered so far: the live board organizers see, the
 * public board (frozen or not), every entrant's rank in both, and the organizers' player list.
 * A failing seed is shrunk to the smallest history still failing, which the failure prints.
 * {@code -Dveltrix.scoring.seeds=N} runs more seeds.
 */
class RunningTalliesMatchScoringIT extends QueryTestBase {

    /** Far above the global indexes the running processors and other tests store in lb_fact. */
    private static final AtomicLong NEXT_BASE = new AtomicLong(1L << 42);
    private static final int SEEDS = Integer.getInteger("veltrix.scoring.seeds", 60);
    /** Plays a shrink may spend looking for a smaller failing history. */
    private static final int SHRINK_BUDGET = 400;

    @Autowired
    LeaderboardProjection projection;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aSoloHuntsStoredBoardsAreTheSharedScoringAfterEveryBatch(long seed) {
        check(RandomHuntHistory.generate(seed, false));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aTeamHuntsStoredBoardsAreTheSharedScoringAfterEveryBatch(long seed) {
        check(RandomHuntHistory.generate(seed, true));
    }

    /**
     * The same histories the whole way: appended to the event store in transactions of a few
     * events, projected by the running processor (its segments, batches and gap handling), until
     * the boards equal the fold of the stored events.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1001, 1002, 1003, 1004})
    void historiesAppendedToTheEventStoreProjectToTheSharedScoring(long seed) {
        for (boolean teams : new boolean[] {false, true}) {
            RandomHuntHistory history = RandomHuntHistory.generate(seed, teams);
            RandomHuntHistory.Cast cast = RandomHuntHistory.Cast.fresh(history);
            List<EventLog.Timed> timed = history.steps.stream()
                    .map(step -> new EventLog.Timed(step.at(), step.payload().apply(cast))).toList();
            for (int i = 0; i < timed.size(); i += 7) {
                events.append(timed.subList(i, Math.min(timed.size(), i + 7)));
            }
            if (teams) {
                awaitTeamBoardsMatchReplay(cast.hunt());
            } else {
                awaitBoardsMatchReplay(cast.hunt());
            }
        }
    }

    /**
     * Seed 36 found it: a freeze delivered again after a later one moved the public board back to
     * the older instant (the board kept whichever freeze came last, not the latest in the store).
     */
    @Test
    void anOlderFreezeDeliveredAgainLeavesTheLaterOneInForce() {
        Instant early = RandomHuntHistory.T0.plusMillis(5_385);
        Instant late = RandomHuntHistory.T0.plusMillis(5_645).plusNanos(713_472);
        check(RandomHuntHistory.told(36, false, 1, 0, 0)
                .then("p0", 4_418, "PlayerRegistered p0",
                        c -> new PlayerRegistered(c.players().get(0), c.hunt(), "player-0", "hash"))
                .then("p0", 5_385, "ScoreAdjusted p0 5",
                        c -> new ScoreAdjusted(c.players().get(0), c.hunt(), 5, "r", "organizer"))
                .then("hunt", 10_409, "ScoreboardFrozen at " + early, c -> new ScoreboardFrozen(c.hunt(), early, "o"))
                .then("hunt", 11_013, "ScoreboardFrozen at " + late, c -> new ScoreboardFrozen(c.hunt(), late, "o"))
                .delivered(0).delivered(2).delivered(3).delivered(1).delivered(2));
    }

    /** Where a play went wrong: the steps it kept, the batch after which a board differed, how. */
    private record Mismatch(List<Integer> kept, int batch, String difference) {
    }

    private void check(RandomHuntHistory history) {
        Mismatch mismatch = play(history, IntStream.range(0, history.steps.size()).boxed().toList());
        if (mismatch != null) {
            fail(report(history, shrink(history, mismatch)));
        }
    }

    /** Plays the kept steps with fresh identifiers; the first difference, or null if none. */
    private Mismatch play(RandomHuntHistory history, List<Integer> kept) {
        RandomHuntHistory.Cast cast = RandomHuntHistory.Cast.fresh(history);
        long base = NEXT_BASE.getAndAdd(history.steps.size() + 1L);
        Set<Integer> keep = new HashSet<>(kept);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        List<IndexedEvent> delivered = new ArrayList<>();
        int number = 0;
        for (List<Integer> planned : history.batches) {
            List<Integer> batch = planned.stream().filter(keep::contains).toList();
            if (batch.isEmpty()) {
                continue;
            }
            number++;
            List<EventMessage<?>> messages = new ArrayList<>();
            for (int position : batch) {
                RandomHuntHistory.Step step = history.steps.get(position);
                Object payload = step.payload().apply(cast);
                messages.add(new GenericDomainEventMessage<>(step.aggregateType(), step.aggregate(), position, payload,
                        MetaData.with(IndexedJdbcEventStorageEngine.GLOBAL_INDEX, base + position),
                        UUID.randomUUID().toString(), step.at()));
                delivered.add(new IndexedEvent(base + position, step.at(), payload));
            }
            DefaultUnitOfWork<?> batchWork = DefaultUnitOfWork.startAndGet(null);
            batchWork.attachTransaction(transactionManager);
            ResultMessage<?> result = batchWork.executeWithResult(() -> {
                for (EventMessage<?> message : messages) {
                    handlers.handle(message);
                }
                return null;
            });
            if (result.isExceptional()) {
                return new Mismatch(kept, number, "the batch failed: " + result.exceptionResult());
            }
            String difference = differences(history, cast, delivered);
            if (difference != null) {
                return new Mismatch(kept, number, difference);
            }
        }
        return null;
    }

    /**
     * Removes ever smaller runs of steps while the play still fails (each stream keeps its order,
     * so every smaller history is one the processor may deliver too).
     */
    private Mismatch shrink(RandomHuntHistory history, Mismatch failing) {
        Mismatch smallest = failing;
        int plays = 0;
        int chunk = Math.max(1, smallest.kept().size() / 2);
        while (plays < SHRINK_BUDGET) {
            boolean removed = false;
            for (int start = 0; start < smallest.kept().size() && plays < SHRINK_BUDGET; ) {
                List<Integer> candidate = new ArrayList<>(smallest.kept());
                candidate.subList(start, Math.min(candidate.size(), start + chunk)).clear();
                Mismatch again = candidate.isEmpty() ? null : play(history, candidate);
                plays++;
                if (again != null) {
                    smallest = again;
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                if (chunk == 1) {
                    break;
                }
                chunk = Math.max(1, chunk / 2);
            }
        }
        return smallest;
    }

    private static String report(RandomHuntHistory history, Mismatch mismatch) {
        StringBuilder text = new StringBuilder();
        text.append("seed ").append(history.seed).append(history.teamMode ? " (team hunt)" : " (solo hunt)")
                .append(": the stored boards differ from the shared scoring after batch ").append(mismatch.batch())
                .append(" of this history (").append(mismatch.kept().size()).append(" of ")
                .append(history.steps.size()).append(" events kept by shrinking):\n");
        for (int position : mismatch.kept()) {
            RandomHuntHistory.Step step = history.steps.get(position);
            text.append(String.format("  #%-4d %s  %s%n", position,
                    Duration.between(RandomHuntHistory.T0, step.at()), step.text()));
        }
        Set<Integer> keep = new HashSet<>(mismatch.kept());
        text.append("delivered in batches:");
        history.batches.stream().map(b -> b.stream().filter(keep::contains).toList()).filter(b -> !b.isEmpty())
                .forEach(b -> text.append(' ').append(b));
        return text.append("\n").append(mismatch.difference()).toString();
    }

    /** What differs between the stored boards and the fold of the delivered events; null if nothing. */
    private String differences(RandomHuntHistory history, RandomHuntHistory.Cast cast, List<IndexedEvent> delivered) {
        Scoreboard fold = new Scoreboard(cast.hunt());
        fold.applyAll(delivered);
        String hunt = cast.hunt().value();
        List<String> found = new ArrayList<>();
        compare(found, "team mode", fold.teamMode(), leaderboards.teamMode(hunt));
        if (fold.teamMode()) {
            int all = cast.teams().size() + 1;
            List<TeamStanding> live = fold.liveTeams();
            List<TeamStanding> pub = fold.publicTeams();
            compare(found, "live team board", asTeamLines(live), leaderboards.teamPage(hunt, BoardView.LIVE, all, 0));
            compare(found, "public team board", asTeamLines(pub), leaderboards.teamPage(hunt, BoardView.PUBLIC, all, 0));
            List<String> teams = cast.teams().stream().map(t -> t.value()).toList();
            ranks(found, hunt, BoardView.LIVE, teams, live.stream().collect(Collectors.toMap(s -> s.teamId().value(),
                    TeamStanding::rank)));
            ranks(found, hunt, BoardView.PUBLIC, teams, pub.stream().collect(Collectors.toMap(s -> s.teamId().value(),
                    TeamStanding::rank)));
        } else {
            int all = cast.players().size() + 1;
            List<Standing> live = fold.live();
            List<Standing> pub = fold.publicBoard();
            compare(found, "live board", asLines(live), leaderboards.page(hunt, BoardView.LIVE, all, 0));
            compare(found, "public board", asLines(pub), leaderboards.page(hunt, BoardView.PUBLIC, all, 0));
            List<String> players = cast.players().stream().map(p -> p.value()).toList();
            ranks(found, hunt, BoardView.LIVE, players, live.stream().collect(Collectors.toMap(s -> s.playerId().value(),
                    Standing::rank)));
            ranks(found, hunt, BoardView.PUBLIC, players, pub.stream().collect(Collectors.toMap(s -> s.playerId().value(),
                    Standing::rank)));
            if (!history.teamMode) {
                compare(found, "players list", roster(live, delivered, cast),
                        leaderboards.roster(hunt, "", all, 0));
            }
        }
        return found.isEmpty() ? null : String.join("\n", found);
    }

    /**
     * The organizers' list by the fold: the live board, then the disqualified players, unranked, in
     * the order their own tallies give (disqualification moves no one else's score).
     */
    private static List<RosterLine> roster(List<Standing> live, List<IndexedEvent> delivered,
                                           RandomHuntHistory.Cast cast) {
        List<RosterLine> lines = new ArrayList<>();
        Set<String> ranked = new HashSet<>();
        for (Standing s : live) {
            ranked.add(s.playerId().value());
            lines.add(new RosterLine(s.rank(), s.playerId().value(), s.handle(), s.score(), s.cluesFound(),
                    s.lastScoredAt(), false, false));
        }
        Scoreboard pardoned = new Scoreboard(cast.hunt());
        pardoned.applyAll(delivered.stream().filter(e -> !(e.payload() instanceof PlayerDisqualified
                || e.payload() instanceof PlayerReinstated)).toList());
        for (Standing s : pardoned.live()) {
            if (!ranked.contains(s.playerId().value())) {
                lines.add(new RosterLine(null, s.playerId().value(), s.handle(), s.score(), s.cluesFound(),
                        s.lastScoredAt(), true, false));
            }
        }
        return lines;
    }

    private void ranks(List<String> found, String hunt, BoardView view, List<String> entrants, Map<String, Integer> expected) {
        Map<String, Optional<Integer>> wanted = new HashMap<>();
        Map<String, Optional<Integer>> stored = new HashMap<>();
        for (String entrant : entrants) {
            wanted.put(entrant, Optional.ofNullable(expected.get(entrant)));
            stored.put(entrant, storedRank(hunt, entrant, view));
        }
        compare(found, view + " ranks", wanted, stored);
    }

    private static void compare(List<String> found, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            found.add(what + ":\n  scoring: " + expected + "\n  stored:  " + actual);
        }
    }
}
