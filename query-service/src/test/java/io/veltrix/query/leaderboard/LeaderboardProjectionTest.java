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
import io.veltrix.query.EventLog;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The leaderboard projection against the shared scoring fold, on the embedded PostgreSQL, with 8
 * segments (see {@link OneSegmentBoardTest} for the same scenario on one).
 */
class LeaderboardProjectionTest extends QueryTestBase {

    static final long SCENARIO_SEED = 20261126L;

    @Test
    void aWholeHuntProjectsToTheBoardReplayGivesWithEightSegments() {
        HuntScenario scenario = HuntScenario.generate(SCENARIO_SEED, 24, 6, 400);
        scenario.appendTo(events, 7);
        awaitBoardsMatchReplay(scenario.hunt);
        assertThat(leaderboardSegments()).isEqualTo(8);
        assertThat(fold(scenario.hunt).frozenAt()).isNotNull(); // the scenario did freeze
    }

    /** Axon stores timestamps to the millisecond. */
    private static final Instant T0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);

    private HuntId hunt(int bonus) {
        HuntId hunt = HuntId.random();
        events.append(List.of(new EventLog.Timed(T0, new HuntCreated(hunt, "h", null, null, null, bonus, 5, 60, "organizer"))));
        return hunt;
    }

    private PlayerId player(HuntId hunt, String handle) {
        PlayerId player = PlayerId.random();
        events.append(List.of(new EventLog.Timed(T0, new PlayerRegistered(player, hunt, handle, "hash-" + player))));
        return player;
    }

    private void at(long seconds, Object payload) {
        events.append(List.of(new EventLog.Timed(T0.plusSeconds(seconds), payload)));
    }

    private BoardLine line(HuntId hunt, BoardView view, PlayerId player) {
        return leaderboards.page(hunt.value(), view, 100, 0).stream()
                .filter(l -> l.playerId().equals(player.value())).findFirst().orElse(null);
    }

    @Test
    void firstFinderIsDecidedByGlobalOrderEvenWhenClocksDisagree() {
        HuntId hunt = hunt(5);
        PlayerId early = player(hunt, "early");
        PlayerId late = player(hunt, "late");
        ClueId clue = new ClueId("c1");
        at(100, new ClueFound(early, hunt, clue, 10)); // later clock, lower index: first finder
        at(50, new ClueFound(late, hunt, clue, 10));
        awaitBoardsMatchReplay(hunt);
        assertThat(line(hunt, BoardView.LIVE, early).score()).isEqualTo(15);
        assertThat(line(hunt, BoardView.LIVE, late).score()).isEqualTo(10);
    }

    @Test
    void hintPenaltiesAndAdjustmentsMoveTheScore() {
        HuntId hunt = hunt(0);
        PlayerId p = player(hunt, "adjusted");
        at(10, new ClueFound(p, hunt, new ClueId("c1"), 20));
        at(11, new HintTaken(p, hunt, new ClueId("c2"), 4));
        at(12, new ScoreAdjusted(p, hunt, -3, "typo", "org"));
        at(13, new ScoreAdjusted(p, hunt, 10, "bonus round", "org"));
        awaitBoardsMatchReplay(hunt);
        BoardLine line = line(hunt, BoardView.LIVE, p);
        assertThat(line.score()).isEqualTo(23);
        assertThat(line.lastScoredAt()).isEqualTo(T0.plusSeconds(13));
    }

    @Test
    void disqualifiedPlayersLeaveTheBoardAndReinstatedOnesReturn() {
        HuntId hunt = hunt(0);
        PlayerId cheat = player(hunt, "cheat");
        PlayerId honest = player(hunt, "honest");
        at(10, new ClueFound(cheat, hunt, new ClueId("c1"), 50));
        at(11, new PlayerDisqualified(cheat, hunt, "shared answers", "org"));
        awaitBoardsMatchReplay(hunt);
        assertThat(leaderboards.page(hunt.value(), BoardView.PUBLIC, 10, 0))
                .extracting(BoardLine::playerId).containsExactly(honest.value());
        at(12, new PlayerReinstated(cheat, hunt, "org"));
        awaitBoardsMatchReplay(hunt);
        assertThat(leaderboards.page(hunt.value(), BoardView.PUBLIC, 10, 0))
                .extracting(BoardLine::playerId).containsExactly(cheat.value(), honest.value());
    }

    @Test
    void aFreezeStopsThePublicBoardButNotTheLiveOne() {
        HuntId hunt = hunt(0);
        PlayerId a = player(hunt, "alpha");
        PlayerId b = player(hunt, "bravo");
        at(10, new ClueFound(a, hunt, new ClueId("c1"), 10));
        at(20, new ScoreboardFrozen(hunt, T0.plusSeconds(15), "org"));
        at(21, new ClueFound(b, hunt, new ClueId("c2"), 30));
        awaitBoardsMatchReplay(hunt);
        assertThat(leaderboards.page(hunt.value(), BoardView.PUBLIC, 10, 0))
                .extracting(BoardLine::playerId, BoardLine::score)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a.value(), 10),
                        org.assertj.core.groups.Tuple.tuple(b.value(), 0));
        assertThat(leaderboards.page(hunt.value(), BoardView.LIVE, 10, 0))
                .extracting(BoardLine::playerId).containsExactly(b.value(), a.value());
    }

    @Test
    void pagesComeInRankOrder() {
        HuntId hunt = hunt(0);
        for (int i = 0; i < 7; i++) {
            PlayerId p = player(hunt, "p" + i);
            at(10 + i, new ClueFound(p, hunt, new ClueId("c1"), 10 * (i + 1)));
        }
        awaitBoardsMatchReplay(hunt);
        List<BoardLine> second = leaderboards.page(hunt.value(), BoardView.PUBLIC, 3, 3);
        assertThat(second).extracting(BoardLine::rank).containsExactly(4, 5, 6);
        assertThat(second).extracting(BoardLine::score).containsExactly(40, 30, 20);
    }
}
