package io.veltrix.command.hunt;

import static org.hamcrest.Matchers.containsString;

import io.veltrix.api.hunt.AddClue;
import io.veltrix.api.hunt.AddHuntOrganizer;
import io.veltrix.api.hunt.RemoveHuntOrganizer;
import io.veltrix.api.hunt.ChangeJoinCode;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.CreateHunt;
import io.veltrix.api.hunt.EditClue;
import io.veltrix.api.hunt.EditHunt;
import io.veltrix.api.hunt.EndHunt;
import io.veltrix.api.hunt.FreezeScoreboard;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.hunt.HuntOrganizerRemoved;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.hunt.JoinCodeChanged;
import io.veltrix.api.hunt.PublishHunt;
import io.veltrix.api.hunt.RemoveClue;
import io.veltrix.api.hunt.ReportWrongAnswerSurge;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.StartHunt;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.hunt.WrongAnswersSurged;
import io.veltrix.api.rule.RuleViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hunt lifecycle and clue rules (docs/design.md §2.1, §2.2), given/when/expect. */
class HuntTest {

    private static final HuntId HUNT = new HuntId("h1");
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final HuntCreated CREATED = new HuntCreated(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org");
    private static final ClueAdded CLUE = new ClueAdded(HUNT, new ClueId("c1"), "Fountain", "riddle", 100, "hint", 10,
            "salt", List.of("hash"), "org");

    private AggregateTestFixture<Hunt> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Hunt.class);
    }

    private static CreateHunt create(Integer maxPlayers, int bonus, int maxWrong, int window, Instant startsAt, Instant endsAt) {
        return new CreateHunt(HUNT, "Old Town", startsAt, endsAt, maxPlayers, bonus, maxWrong, window, "org", null);
    }

    private static AddClue clue(String id, int points, String hint, int penalty, List<String> hashes) {
        return new AddClue(HUNT, new ClueId(id), "Fountain", "riddle", points, hint, penalty, "salt", hashes, "org");
    }

    @Test
    void aHuntStartsInDraft() {
        fixture.givenNoPriorActivity()
                .when(create(100, 5, 5, 60, null, null))
                .expectEvents(CREATED);
    }

    @Test
    void aHuntRefusesNonsenseSettings() {
        fixture.givenNoPriorActivity().when(create(0, 0, 5, 60, null, null)).expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(create(10, -1, 5, 60, null, null)).expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(create(10, 0, 0, 60, null, null)).expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(create(10, 0, 101, 60, null, null)).expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(create(10, 0, 5, 0, null, null)).expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(create(10, 0, 5, 60, NOW, NOW)).expectException(RuleViolation.class);
    }

    @Test
    void aTeamModeHuntRecordsItsTeamSizeAndCapRightAfterItsCreation() {
        fixture.givenNoPriorActivity()
                .when(new CreateHunt(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org", null, 4, 25))
                .expectEvents(CREATED, new TeamModeSet(HUNT, 4, 25));
        fixture.givenNoPriorActivity()
                .when(new CreateHunt(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org", null, 3, null))
                .expectEvents(CREATED, new TeamModeSet(HUNT, 3, null));
    }

    @Test
    void teamSettingsOutsideTheirBoundsOrACapWithoutTeamsAreRefused() {
        for (CreateHunt bad : List.of(
                new CreateHunt(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org", null, 0, null),
                new CreateHunt(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org", null, Hunt.MAX_TEAM_SIZE + 1, null),
                new CreateHunt(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org", null, 4, 0),
                new CreateHunt(HUNT, "Old Town", null, null, 100, 5, 5, 60, "org", null, null, 10))) {
            fixture.givenNoPriorActivity().when(bad).expectException(RuleViolation.class).expectNoEvents();
        }
    }

    @Test
    void theJoinCodeChangesUntilTheHuntEnds() {
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"))
                .when(new ChangeJoinCode(HUNT, "new-hash", "org"))
                .expectEvents(new JoinCodeChanged(HUNT, "new-hash", "org"));
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"), new HuntEnded(HUNT, "org"))
                .when(new ChangeJoinCode(HUNT, null, "org"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aWrongAnswerSurgeIsRecordedForOneOfTheHuntsClues() {
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"), new HuntStarted(HUNT, "org"))
                .when(new ReportWrongAnswerSurge(HUNT, new ClueId("c1"), 700))
                .expectEvents(new WrongAnswersSurged(HUNT, new ClueId("c1"), 700));
        fixture.given(CREATED, CLUE)
                .when(new ReportWrongAnswerSurge(HUNT, new ClueId("elsewhere"), 700))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void cluesAreAddedWhileDraftOnly() {
        fixture.given(CREATED).when(clue("c1", 100, "hint", 10, List.of("hash"))).expectEvents(CLUE);
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"))
                .when(clue("c2", 10, null, 0, List.of("h2")))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aClueNeedsPointsInRangeAnswersAndAHintForItsPenalty() {
        fixture.given(CREATED).when(clue("c1", 0, null, 0, List.of("h"))).expectException(RuleViolation.class);
        fixture.given(CREATED).when(clue("c1", 10_001, null, 0, List.of("h"))).expectException(RuleViolation.class);
        fixture.given(CREATED).when(clue("c1", 10, null, 0, List.of())).expectException(RuleViolation.class);
        fixture.given(CREATED).when(clue("c1", 10, null, 5, List.of("h"))).expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE).when(clue("c1", 10, null, 0, List.of("h"))).expectException(RuleViolation.class);
    }

    @Test
    void theLifecycleMovesForwardOnly() {
        fixture.given(CREATED).when(new PublishHunt(HUNT, "org")).expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE).when(new PublishHunt(HUNT, "org")).expectEvents(new HuntPublished(HUNT, 1, "org"));
        fixture.given(CREATED, CLUE).when(new StartHunt(HUNT, "org")).expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"))
                .when(new StartHunt(HUNT, "org")).expectEvents(new HuntStarted(HUNT, "org"));
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"), new HuntStarted(HUNT, "org"))
                .when(new EndHunt(HUNT, "org")).expectEvents(new HuntEnded(HUNT, "org"));
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"), new HuntStarted(HUNT, "org"),
                        new HuntEnded(HUNT, "org"))
                .when(new StartHunt(HUNT, "org")).expectException(RuleViolation.class);
        fixture.given(CREATED).when(new EndHunt(HUNT, "org")).expectException(RuleViolation.class);
    }

    @Test
    void theScoreboardFreezesOnceNowOrLater() {
        var published = new HuntPublished(HUNT, 1, "org");
        fixture.givenCurrentTime(NOW);
        fixture.given(CREATED, CLUE, published)
                .when(new FreezeScoreboard(HUNT, null, "org"))
                .expectEvents(new ScoreboardFrozen(HUNT, NOW, "org"));
        fixture.given(CREATED, CLUE, published)
                .when(new FreezeScoreboard(HUNT, NOW.plus(Duration.ofHours(1)), "org"))
                .expectEvents(new ScoreboardFrozen(HUNT, NOW.plus(Duration.ofHours(1)), "org"));
        fixture.given(CREATED, CLUE, published)
                .when(new FreezeScoreboard(HUNT, NOW.minus(Duration.ofHours(1)), "org"))
                .expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE, published, new ScoreboardFrozen(HUNT, NOW, "org"))
                .when(new FreezeScoreboard(HUNT, null, "org"))
                .expectException(RuleViolation.class);
        fixture.given(CREATED).when(new FreezeScoreboard(HUNT, null, "org")).expectException(RuleViolation.class);
    }

    @Test
    void aCoOrganizerIsAddedOnceAtAnyStageAndTheCreatorIsOneAlready() {
        fixture.given(CREATED).when(new AddHuntOrganizer(HUNT, "alice", "org"))
                .expectEvents(new HuntOrganizerAdded(HUNT, "alice", "org"));
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"), new HuntStarted(HUNT, "org"),
                        new HuntEnded(HUNT, "org"))
                .when(new AddHuntOrganizer(HUNT, "alice", "adm"))
                .expectEvents(new HuntOrganizerAdded(HUNT, "alice", "adm"));
        fixture.given(CREATED, new HuntOrganizerAdded(HUNT, "alice", "org"))
                .when(new AddHuntOrganizer(HUNT, "alice", "org")).expectNoEvents();
        fixture.given(CREATED).when(new AddHuntOrganizer(HUNT, "org", "adm")).expectNoEvents();
        fixture.given(CREATED).when(new AddHuntOrganizer(HUNT, " ", "org")).expectException(RuleViolation.class);
    }

    private static EditHunt edit(String name, Integer maxPlayers, int bonus, Instant startsAt, Instant endsAt) {
        return new EditHunt(HUNT, name, startsAt, endsAt, maxPlayers, bonus, 3, 30, "org");
    }

    @Test
    void aDraftsSettingsAreReplacedUntilItIsPublished() {
        Instant start = NOW.plusSeconds(3600);
        fixture.given(CREATED)
                .when(edit("New Town", null, 7, start, start.plusSeconds(60)))
                .expectEvents(new HuntEdited(HUNT, "New Town", start, start.plusSeconds(60), null, 7, 3, 30, "org"));
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"))
                .when(edit("Too late", null, 7, null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("the settings can only be changed while the hunt is DRAFT; it is PUBLISHED");
    }

    @Test
    void anEditIsCheckedAsACreationIs() {
        Instant start = NOW.plusSeconds(3600);
        for (EditHunt bad : List.of(edit(" ", null, 0, null, null), edit("x", 0, 0, null, null),
                edit("x", null, -1, null, null), edit("x", null, 10_001, null, null),
                edit("x", null, 0, start, start),
                new EditHunt(HUNT, "x", null, null, null, 0, 0, 30, "org"),
                new EditHunt(HUNT, "x", null, null, null, 0, 3, 0, "org"))) {
            fixture.given(CREATED).when(bad).expectException(RuleViolation.class);
        }
    }

    @Test
    void aDraftsClueIsEditedWithOrWithoutNewAnswers() {
        ClueId c1 = new ClueId("c1");
        fixture.given(CREATED, CLUE)
                .when(new EditClue(HUNT, c1, "Fountain", "new riddle", 40, null, 0, null, null, "org"))
                .expectEvents(new ClueEdited(HUNT, c1, "Fountain", "new riddle", 40, null, 0, null, null, "org"));
        fixture.given(CREATED, CLUE)
                .when(new EditClue(HUNT, c1, "Fountain", "riddle", 40, "hint", 5, "salt2", List.of("h2"), "org"))
                .expectEvents(new ClueEdited(HUNT, c1, "Fountain", "riddle", 40, "hint", 5, "salt2", List.of("h2"), "org"));
    }

    @Test
    void aClueEditIsCheckedAsAnAdditionAndOnlyInADraft() {
        ClueId c1 = new ClueId("c1");
        for (EditClue bad : List.of(
                new EditClue(HUNT, c1, "t", "r", 0, null, 0, null, null, "org"),
                new EditClue(HUNT, c1, "t", "r", 10_001, null, 0, null, null, "org"),
                new EditClue(HUNT, c1, "t", "r", 10, null, 3, null, null, "org"),
                new EditClue(HUNT, c1, "t", "r", 10, "h", -1, null, null, "org"),
                new EditClue(HUNT, c1, "t", "r", 10, null, 0, "salt", List.of(), "org"),
                new EditClue(HUNT, c1, "t", "r", 10, null, 0, null, List.of("h"), "org"))) {
            fixture.given(CREATED, CLUE).when(bad).expectException(RuleViolation.class);
        }
        fixture.given(CREATED, CLUE)
                .when(new EditClue(HUNT, new ClueId("c2"), "t", "r", 10, null, 0, null, null, "org"))
                .expectException(RuleViolation.class).expectExceptionMessage("this hunt has no clue c2");
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"))
                .when(new EditClue(HUNT, c1, "t", "r", 10, null, 0, null, null, "org"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("clues can only be edited while the hunt is DRAFT; it is PUBLISHED");
    }

    @Test
    void aRemovedClueIsGoneFromTheDraftAndItsCount() {
        ClueId c1 = new ClueId("c1");
        ClueRemoved removed = new ClueRemoved(HUNT, c1, "org");
        fixture.given(CREATED, CLUE).when(new RemoveClue(HUNT, c1, "org")).expectEvents(removed);
        fixture.given(CREATED, CLUE, removed).when(new RemoveClue(HUNT, c1, "org")).expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE, removed).when(new PublishHunt(HUNT, "org")).expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE, removed)
                .when(new EditClue(HUNT, c1, "t", "r", 10, null, 0, null, null, "org"))
                .expectException(RuleViolation.class);
        fixture.given(CREATED, CLUE, clueAdded("c2"), removed).when(new PublishHunt(HUNT, "org"))
                .expectEvents(new HuntPublished(HUNT, 1, "org"));
        fixture.given(CREATED, CLUE, new HuntPublished(HUNT, 1, "org"))
                .when(new RemoveClue(HUNT, c1, "org"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("clues can only be removed while the hunt is DRAFT; it is PUBLISHED");
    }

    private static ClueAdded clueAdded(String id) {
        return new ClueAdded(HUNT, new ClueId(id), "Fountain", "riddle", 100, "hint", 10, "salt", List.of("hash"), "org");
    }

    @Test
    void theOwnerRemovesACoOrganizerButNeverTheLastOrganizer() {
        fixture.given(CREATED, new HuntOrganizerAdded(HUNT, "alice", "org"))
                .when(new RemoveHuntOrganizer(HUNT, "alice", "org", false))
                .expectEvents(new HuntOrganizerRemoved(HUNT, "alice", "org"));
        fixture.given(CREATED)
                .when(new RemoveHuntOrganizer(HUNT, "org", "adm", true))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("last organizer"))
                .expectNoEvents();
        fixture.given(CREATED, new HuntOrganizerAdded(HUNT, "alice", "org"), new HuntOrganizerRemoved(HUNT, "alice", "org"))
                .when(new RemoveHuntOrganizer(HUNT, "org", "org", false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("last organizer"));
        fixture.given(CREATED)
                .when(new RemoveHuntOrganizer(HUNT, "alice", "org", false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("does not organize"));
    }

    @Test
    void onlyTheOwnerOrAnAdminRemovesOrganizersAndOwnershipPassesToTheEarliestLeft() {
        HuntOrganizerAdded alice = new HuntOrganizerAdded(HUNT, "alice", "org");
        HuntOrganizerAdded bob = new HuntOrganizerAdded(HUNT, "bob", "org");
        fixture.given(CREATED, alice, bob)
                .when(new RemoveHuntOrganizer(HUNT, "bob", "alice", false))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("only the hunt's owner"));
        fixture.given(CREATED, alice, bob)
                .when(new RemoveHuntOrganizer(HUNT, "org", "adm", true))
                .expectEvents(new HuntOrganizerRemoved(HUNT, "org", "adm"));
        // the creator removed by an admin: alice, the earliest co-organizer left, owns the hunt now
        fixture.given(CREATED, alice, bob, new HuntOrganizerRemoved(HUNT, "org", "adm"))
                .when(new RemoveHuntOrganizer(HUNT, "bob", "alice", false))
                .expectEvents(new HuntOrganizerRemoved(HUNT, "bob", "alice"));
        // a removed organizer added again comes last
        fixture.given(CREATED, alice, bob, new HuntOrganizerRemoved(HUNT, "alice", "org"),
                        new HuntOrganizerAdded(HUNT, "alice", "org"), new HuntOrganizerRemoved(HUNT, "org", "adm"))
                .when(new RemoveHuntOrganizer(HUNT, "alice", "bob", false))
                .expectEvents(new HuntOrganizerRemoved(HUNT, "alice", "bob"));
    }
}
