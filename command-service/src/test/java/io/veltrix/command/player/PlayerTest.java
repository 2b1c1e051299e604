package io.veltrix.command.player;

import io.veltrix.api.find.ClueFindRefused;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFindRepeated;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.FindOutcome;
import io.veltrix.api.find.FindResult;
import io.veltrix.api.find.HintResult;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.find.RequestHint;
import io.veltrix.api.find.SubmitFind;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.player.AdjustScore;
import io.veltrix.api.player.DisqualifyPlayer;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.PlayerTokenRevoked;
import io.veltrix.api.player.ReinstatePlayer;
import io.veltrix.api.player.RevokePlayerToken;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.command.hunt.HuntDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finds, lockouts, hints and corrections of one player, given/when/expect. */
class PlayerTest {

    private static final HuntId HUNT = new HuntId("h1");
    private static final PlayerId ALICE = new PlayerId("p1");
    private static final ClueId FOUNTAIN = new ClueId("fountain");
    private static final ClueId CLOCK = new ClueId("clock");
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final PlayerRegistered REGISTERED = new PlayerRegistered(ALICE, HUNT, "Alice", "tokenhash");

    /** The hunt as the player sees it: status and clues, without a database. */
    static final class FixedHunt extends HuntDirectory {
        HuntStatus status = HuntStatus.RUNNING;
        final Map<ClueId, Clue> clues = Map.of(
                FOUNTAIN, new Clue(FOUNTAIN, 100, "Look at the trident", 20, "s1", Set.of("right", "also-right")),
                CLOCK, new Clue(CLOCK, 50, null, 0, "s2", Set.of("nine")));

        FixedHunt() {
            super(null);
        }

        @Override
        public Optional<HuntRules> rules(HuntId huntId) {
            return Optional.of(new HuntRules(huntId, status, 100, 3, 60, null));
        }

        @Override
        public Optional<Clue> clue(HuntId huntId, ClueId clueId) {
            return Optional.ofNullable(clues.get(clueId));
        }
    }

    private AggregateTestFixture<Player> fixture;
    private FixedHunt hunt;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Player.class);
        hunt = new FixedHunt();
        fixture.registerInjectableResource(hunt);
        fixture.registerInjectableResource(new SubmissionRateLimit(10, 20));
        fixture.givenCurrentTime(T0);
    }

    @Test
    void aCorrectNewAnswerFindsTheClueForItsBasePoints() {
        fixture.given(REGISTERED)
                .when(new SubmitFind(ALICE, FOUNTAIN, "also-right"))
                .expectEvents(new ClueFound(ALICE, HUNT, FOUNTAIN, 100, 0))
                .expectResultMessagePayload(FindResult.of(FindOutcome.FOUND, 100));
    }

    /** Twenty submissions recorded at T0, as two instances behind a balancer may each have taken half of them. */
    private Object[] aBurstOfSubmissions() {
        Object[] history = new Object[21];
        history[0] = REGISTERED;
        history[1] = new ClueFound(ALICE, HUNT, FOUNTAIN, 100);
        for (int i = 2; i < history.length; i++) {
            history[i] = new ClueFindRepeated(ALICE, HUNT, FOUNTAIN);
        }
        return history;
    }

    @Test
    void aSubmissionBeyondABurstWithinTheTimeTheRateTakesToEarnItIsRefusedFromThePlayersOwnHistory() {
        fixture.given(aBurstOfSubmissions())
                .andGivenCurrentTime(T0.plusMillis(1500)) // 20 at 10/s take 2 s to earn
                .when(new SubmitFind(ALICE, CLOCK, "nine"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("too many submissions; slow down to the hunt's rate limit");
    }

    @Test
    void onceTheBurstLeavesItsWindowTheNextSubmissionCounts() {
        fixture.given(aBurstOfSubmissions())
                .andGivenCurrentTime(T0.plusMillis(2001))
                .when(new SubmitFind(ALICE, CLOCK, "nine"))
                .expectEvents(new ClueFound(ALICE, HUNT, CLOCK, 50, 0));
    }

    @Test
    void aRepeatedCorrectAnswerIsRecordedAndWorthNothing() {
        fixture.given(REGISTERED, new ClueFound(ALICE, HUNT, FOUNTAIN, 100))
                .when(new SubmitFind(ALICE, FOUNTAIN, "right"))
                .expectEvents(new ClueFindRepeated(ALICE, HUNT, FOUNTAIN))
                .expectResultMessagePayload(FindResult.of(FindOutcome.ALREADY_FOUND, 0));
    }

    @Test
    void aWrongAnswerIsRecorded() {
        fixture.given(REGISTERED)
                .when(new SubmitFind(ALICE, FOUNTAIN, "wrong"))
                .expectEvents(new ClueFindRejected(ALICE, HUNT, FOUNTAIN, 1))
                .expectResultMessagePayload(FindResult.of(FindOutcome.WRONG, 0));
    }

    @Test
    void afterMaxWrongAnswersInTheWindowTheClueIsRefusedAndTheRefusalRecorded() {
        var wrong = new ClueFindRejected(ALICE, HUNT, FOUNTAIN, 1);
        fixture.given(REGISTERED, wrong, wrong, wrong)
                .andGivenCurrentTime(T0.plusSeconds(10))
                .when(new SubmitFind(ALICE, FOUNTAIN, "right"))
                .expectEvents(new ClueFindRefused(ALICE, HUNT, FOUNTAIN, 50))
                .expectResultMessagePayload(new FindResult(FindOutcome.LOCKED_OUT, 0, 50));
    }

    @Test
    void theLockoutIsPerClue() {
        var wrong = new ClueFindRejected(ALICE, HUNT, FOUNTAIN, 1);
        fixture.given(REGISTERED, wrong, wrong, wrong)
                .when(new SubmitFind(ALICE, CLOCK, "nine"))
                .expectEvents(new ClueFound(ALICE, HUNT, CLOCK, 50, 0));
    }

    @Test
    void theLockoutEndsWhenTheWindowHasPassedAndTheFindCountsTheWrongAnswersBeforeIt() {
        var wrong = new ClueFindRejected(ALICE, HUNT, FOUNTAIN, 1);
        fixture.given(REGISTERED, wrong, wrong, wrong)
                .andGivenCurrentTime(T0.plus(Duration.ofSeconds(61)))
                .when(new SubmitFind(ALICE, FOUNTAIN, "right"))
                .expectEvents(new ClueFound(ALICE, HUNT, FOUNTAIN, 100, 3));
    }

    @Test
    void findsNeedARunningHuntAndAKnownClue() {
        hunt.status = HuntStatus.PUBLISHED;
        fixture.given(REGISTERED).when(new SubmitFind(ALICE, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectNoEvents();
        hunt.status = HuntStatus.ENDED;
        fixture.given(REGISTERED).when(new SubmitFind(ALICE, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectNoEvents();
        hunt.status = HuntStatus.RUNNING;
        fixture.given(REGISTERED).when(new SubmitFind(ALICE, new ClueId("nope"), "right"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void aDisqualifiedPlayerCannotSubmit() {
        fixture.given(REGISTERED, new PlayerDisqualified(ALICE, HUNT, "cheating", "org"))
                .when(new SubmitFind(ALICE, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void aHintCostsItsPenaltyOnce() {
        fixture.given(REGISTERED)
                .when(new RequestHint(ALICE, FOUNTAIN))
                .expectEvents(new HintTaken(ALICE, HUNT, FOUNTAIN, 20))
                .expectResultMessagePayload(new HintResult("Look at the trident", 20));
        fixture.given(REGISTERED, new HintTaken(ALICE, HUNT, FOUNTAIN, 20))
                .when(new RequestHint(ALICE, FOUNTAIN))
                .expectNoEvents()
                .expectResultMessagePayload(new HintResult("Look at the trident", 0));
        fixture.given(REGISTERED).when(new RequestHint(ALICE, CLOCK)).expectException(RuleViolation.class);
    }

    @Test
    void organizersDisqualifyReinstateAndAdjustWithReasonsAndTheirName() {
        fixture.given(REGISTERED)
                .when(new DisqualifyPlayer(ALICE, "cheating", "org"))
                .expectEvents(new PlayerDisqualified(ALICE, HUNT, "cheating", "org"),
                        new PlayerTokenRevoked(ALICE, HUNT, null, "disqualified: cheating", "org"));
        fixture.given(REGISTERED, new PlayerDisqualified(ALICE, HUNT, "cheating", "org"))
                .when(new DisqualifyPlayer(ALICE, "again", "org")).expectException(RuleViolation.class);
        fixture.given(REGISTERED).when(new ReinstatePlayer(ALICE, "org")).expectException(RuleViolation.class);
        fixture.given(REGISTERED, new PlayerDisqualified(ALICE, HUNT, "cheating", "org"))
                .when(new ReinstatePlayer(ALICE, "org"))
                .expectEvents(new PlayerReinstated(ALICE, HUNT, "org"));
        fixture.given(REGISTERED)
                .when(new AdjustScore(ALICE, -15, "pushed a rival", "org"))
                .expectEvents(new ScoreAdjusted(ALICE, HUNT, -15, "pushed a rival", "org"));
        fixture.given(REGISTERED).when(new AdjustScore(ALICE, 0, "nothing", "org")).expectException(RuleViolation.class);
        fixture.given(REGISTERED).when(new AdjustScore(ALICE, 5, " ", "org")).expectException(RuleViolation.class);
        fixture.given(REGISTERED).when(new DisqualifyPlayer(ALICE, null, "org")).expectException(RuleViolation.class);
    }

    @Test
    void anOrganizerRevokesTokensWithAReasonAndAReplacement() {
        fixture.given(REGISTERED)
                .when(new RevokePlayerToken(ALICE, "new-hash", "phone stolen", "org"))
                .expectEvents(new PlayerTokenRevoked(ALICE, HUNT, "new-hash", "phone stolen", "org"));
        fixture.given(REGISTERED).when(new RevokePlayerToken(ALICE, "new-hash", " ", "org"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(REGISTERED).when(new RevokePlayerToken(ALICE, null, "no replacement", "org"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void adjustmentsAreBoundedOneByOneAndInTotalSoNoScoreOverflows() {
        fixture.given(REGISTERED).when(new AdjustScore(ALICE, Integer.MIN_VALUE, "overflow", "org"))
                .expectException(RuleViolation.class);
        fixture.given(REGISTERED).when(new AdjustScore(ALICE, Integer.MAX_VALUE, "overflow", "org"))
                .expectException(RuleViolation.class);
        fixture.given(REGISTERED).when(new AdjustScore(ALICE, -Player.MAX_ADJUSTMENT, "largest", "org"))
                .expectEvents(new ScoreAdjusted(ALICE, HUNT, -Player.MAX_ADJUSTMENT, "largest", "org"));

        List<Object> nineLargest = new ArrayList<>(List.of(REGISTERED));
        for (int i = 0; i < 9; i++) {
            nineLargest.add(new ScoreAdjusted(ALICE, HUNT, Player.MAX_ADJUSTMENT, "r" + i, "org"));
        }
        fixture.given(nineLargest).when(new AdjustScore(ALICE, Player.MAX_ADJUSTMENT, "tenth", "org"))
                .expectEvents(new ScoreAdjusted(ALICE, HUNT, Player.MAX_ADJUSTMENT, "tenth", "org"));
        nineLargest.add(new ScoreAdjusted(ALICE, HUNT, Player.MAX_ADJUSTMENT, "tenth", "org"));
        fixture.given(nineLargest).when(new AdjustScore(ALICE, 1, "eleventh", "org"))
                .expectException(RuleViolation.class);
        fixture.given(nineLargest).when(new AdjustScore(ALICE, -1, "back down", "org"))
                .expectEvents(new ScoreAdjusted(ALICE, HUNT, -1, "back down", "org"));
    }
}
