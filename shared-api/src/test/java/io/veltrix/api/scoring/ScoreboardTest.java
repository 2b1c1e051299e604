package io.veltrix.api.scoring;

import static io.veltrix.api.scoring.HuntStory.T0;
import static io.veltrix.api.scoring.HuntStory.player;
import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreboardTest {

    private static List<String> order(List<Standing> board) {
        return board.stream().map(s -> s.playerId().value()).toList();
    }

    private static Standing of(List<Standing> board, int p) {
        return board.stream().filter(s -> s.playerId().equals(player(p))).findFirst().orElseThrow();
    }

    @Test
    void scoreIsTheSumOfBasePoints() {
        var board = new HuntStory().created(0, 0).registered(1, 1)
                .found(2, 1, 1, 10).found(3, 1, 2, 25).rejected(4, 1, 3)
                .fold().live();
        assertThat(of(board, 1).score()).isEqualTo(35);
        assertThat(of(board, 1).cluesFound()).isEqualTo(2);
        assertThat(of(board, 1).lastScoredAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void firstFinderIsTheLowestGlobalIndexNotTheEarliestClock() {
        // Player 2's find has the later timestamp but the lower global index: it is first.
        var story = new HuntStory().created(0, 7).registered(1, 1).registered(1, 2)
                .found(50, 2, 1, 10).found(40, 1, 1, 10);
        var board = story.fold().live();
        assertThat(of(board, 2).score()).isEqualTo(17);
        assertThat(of(board, 1).score()).isEqualTo(10);
    }

    @Test
    void bonusMovesWhenALowerIndexArrivesLate() {
        var story = new HuntStory().created(0, 5).registered(1, 1).registered(1, 2)
                .found(10, 1, 1, 10).found(11, 2, 1, 10);
        Scoreboard board = new Scoreboard(story.hunt);
        board.applyAll(story.events.subList(0, 3));
        board.apply(story.events.get(4)); // player 2's find alone: first so far
        assertThat(of(board.live(), 2).score()).isEqualTo(15);
        board.apply(story.events.get(3)); // player 1's lower index arrives late and takes the bonus
        assertThat(of(board.live(), 1).score()).isEqualTo(15);
        assertThat(of(board.live(), 2).score()).isEqualTo(10);
    }

    @Test
    void aDraftsEditedBonusReplacesTheCreatedOneWhicheverArrivesFirst() {
        var story = new HuntStory().created(0, 5);
        story.at(0, new HuntEdited(story.hunt, "Hunt", null, null, null, 12, 5, 60, "org"))
                .registered(1, 1).found(2, 1, 1, 10);
        assertThat(of(story.fold().live(), 1).score()).isEqualTo(22);
        Scoreboard late = new Scoreboard(story.hunt);
        late.apply(story.events.get(1));
        late.apply(story.events.get(0)); // the creation, with its lower index, arrives after the edit
        late.applyAll(story.events.subList(2, 4));
        assertThat(of(late.live(), 1).score()).isEqualTo(22);
    }

    @Test
    void bonusComesFromHuntCreatedAndDefaultsToNothing() {
        var board = new HuntStory().created(0, 0).registered(1, 1).found(2, 1, 1, 10).fold().live();
        assertThat(of(board, 1).score()).isEqualTo(10);
    }

    @Test
    void hintPenaltiesSubtractAndFreeHintsDoNotCountAsScoring() {
        var board = new HuntStory().created(0, 0).registered(1, 1)
                .found(2, 1, 1, 10).hint(3, 1, 2, 4).hint(9, 1, 3, 0)
                .fold().live();
        assertThat(of(board, 1).score()).isEqualTo(6);
        assertThat(of(board, 1).lastScoredAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void adjustmentsAddOrDeductAndZeroDoesNotCount() {
        var board = new HuntStory().created(0, 0).registered(1, 1)
                .found(2, 1, 1, 10).adjusted(3, 1, -15).adjusted(4, 1, 2).adjusted(9, 1, 0)
                .fold().live();
        assertThat(of(board, 1).score()).isEqualTo(-3);
        assertThat(of(board, 1).lastScoredAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void rankingIsScoreThenEarlierReachedThenRegistration() {
        var board = new HuntStory().created(0, 0)
                .registered(1, 1).registered(2, 2).registered(3, 3).registered(4, 4)
                .found(10, 1, 1, 10)        // p1 reaches 10 at 10
                .found(8, 2, 2, 10)         // p2 reaches 10 at 8 (clock earlier, index later)
                .found(20, 3, 3, 30)        // p3 leads on score
                .fold().live();
        assertThat(order(board)).containsExactly("player-3", "player-2", "player-1", "player-4");
        assertThat(board.stream().map(Standing::rank)).containsExactly(1, 2, 3, 4);
    }

    @Test
    void equalScoreAndInstantFallBackToRegistrationOrder() {
        var board = new HuntStory().created(0, 0).registered(1, 2).registered(2, 1)
                .found(10, 1, 1, 10).found(10, 2, 2, 10)
                .fold().live();
        assertThat(order(board)).containsExactly("player-2", "player-1");
    }

    @Test
    void reachedAtIsTheLatestScoringEventInGlobalOrder() {
        // p1 drops to 10 and climbs back: it reached 10 again at 30, after p2 did at 20.
        var board = new HuntStory().created(0, 0).registered(1, 1).registered(1, 2)
                .found(10, 1, 1, 10).adjusted(25, 1, -5).adjusted(30, 1, 5)
                .found(20, 2, 2, 10)
                .fold().live();
        assertThat(order(board)).containsExactly("player-2", "player-1");
    }

    @Test
    void disqualifiedPlayersLeaveTheBoardAndReinstatedOnesReturn() {
        var story = new HuntStory().created(0, 0).registered(1, 1).registered(1, 2)
                .found(2, 1, 1, 10).disqualified(3, 1);
        assertThat(order(story.fold().publicBoard())).containsExactly("player-2");
        assertThat(order(story.fold().live())).containsExactly("player-2");
        story.reinstated(4, 1);
        assertThat(order(story.fold().publicBoard())).containsExactly("player-1", "player-2");
    }

    @Test
    void freezeShowsThePublicOnlyWhatHappenedBeforeIt() {
        var story = new HuntStory().created(0, 0).registered(1, 1).registered(1, 2)
                .found(10, 1, 1, 10)
                .frozen(15, 20)
                .found(19, 2, 1, 10)       // before the freeze instant: counts for the public
                .found(20, 2, 2, 50)       // at the freeze instant: hidden
                .registered(25, 3)         // after: hidden from the public
                .hint(30, 1, 3, 5);
        Scoreboard board = story.fold();
        assertThat(board.frozenAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(order(board.publicBoard())).containsExactly("player-1", "player-2");
        assertThat(of(board.publicBoard(), 1).score()).isEqualTo(10);
        assertThat(of(board.publicBoard(), 2).score()).isEqualTo(10);
        assertThat(order(board.live())).containsExactly("player-2", "player-1", "player-3");
        assertThat(of(board.live(), 2).score()).isEqualTo(60);
        assertThat(of(board.live(), 1).score()).isEqualTo(5);
    }

    @Test
    void frozenFirstFinderIsTheFirstVisibleFind() {
        // p1's find has the lower index but a timestamp after the freeze: the public bonus goes to p2.
        var story = new HuntStory().created(0, 3).registered(1, 1).registered(1, 2)
                .found(21, 1, 1, 10).found(19, 2, 1, 10).frozen(22, 20);
        Scoreboard board = story.fold();
        assertThat(of(board.publicBoard(), 2).score()).isEqualTo(13);
        assertThat(of(board.live(), 1).score()).isEqualTo(13);
        assertThat(of(board.live(), 2).score()).isEqualTo(10);
    }

    @Test
    void otherHuntsAreIgnoredAndReapplyingChangesNothing() {
        var story = new HuntStory().created(0, 0).registered(1, 1).found(2, 1, 1, 10);
        Scoreboard board = story.fold();
        board.apply(new IndexedEvent(99, T0, new ScoreboardFrozen(new HuntId("other"), T0, "org")));
        board.applyAll(story.events);
        assertThat(board.frozenAt()).isNull();
        assertThat(of(board.live(), 1).score()).isEqualTo(10);
    }
}
