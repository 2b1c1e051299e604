package io.veltrix.command.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.find.FindOutcome;
import io.veltrix.api.find.FindResult;
import io.veltrix.api.find.HintResult;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.api.team.AdjustTeamScore;
import io.veltrix.api.team.CreateTeam;
import io.veltrix.api.team.DisqualifyTeam;
import io.veltrix.api.team.JoinTeam;
import io.veltrix.api.team.ReinstateTeam;
import io.veltrix.api.team.RemoveTeamMember;
import io.veltrix.api.team.RequestTeamHint;
import io.veltrix.api.team.SubmitTeamFind;
import io.veltrix.api.team.TeamClueFindRefused;
import io.veltrix.api.team.TeamClueFindRejected;
import io.veltrix.api.team.TeamClueFindRepeated;
import io.veltrix.api.team.TeamClueFound;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamDisqualified;
import io.veltrix.api.team.TeamHintTaken;
import io.veltrix.api.team.TeamId;
import io.veltrix.api.team.TeamMemberJoined;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.api.team.TeamReinstated;
import io.veltrix.api.team.TeamScoreAdjusted;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import io.veltrix.command.player.Roster;
import io.veltrix.command.player.SubmissionRateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team's membership rules, given/when/expect; hunt-wide claims are recorded by a stand-in roster. */
class TeamTest {

    private static final HuntId HUNT = new HuntId("h1");
    private static final TeamId TEAM = new TeamId("t1");
    private static final PlayerId CAPTAIN = new PlayerId("p1");
    private static final PlayerId BOB = new PlayerId("p2");
    private static final PlayerId CAROL = new PlayerId("p3");
    private static final TeamCreated CREATED = new TeamCreated(TEAM, HUNT, "Owls", CAPTAIN, "team-code-hash");
    private static final TeamMemberJoined CAPTAIN_JOINED = new TeamMemberJoined(TEAM, HUNT, CAPTAIN, "Ann");
    private static final TeamMemberJoined BOB_JOINED = new TeamMemberJoined(TEAM, HUNT, BOB, "Bob");
    private static final ClueId FOUNTAIN = new ClueId("fountain");
    private static final ClueId CLOCK = new ClueId("clock");
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** The hunt as a team sees it, without a database. */
    static final class FixedHunt extends HuntDirectory {
        HuntStatus status = HuntStatus.PUBLISHED;
        Integer teamSize = 2;
        String joinCodeHash;

        FixedHunt() {
            super(null);
        }

        @Override
        public Optional<HuntRules> rules(HuntId huntId) {
            return Optional.of(new HuntRules(huntId, status, 100, 3, 60, joinCodeHash, teamSize, 10));
        }

        @Override
        public Optional<Clue> clue(HuntId huntId, ClueId clueId) {
            return Optional.ofNullable(Map.of(
                    FOUNTAIN, new Clue(FOUNTAIN, 100, "Look at the trident", 20, "s1", Set.of("right")),
                    CLOCK, new Clue(CLOCK, 50, null, 0, "s2", Set.of("nine"))).get(clueId));
        }
    }

    /** Records the hunt-wide claims a team makes. */
    static final class RecordingRoster extends Roster {
        final List<String> claims = new ArrayList<>();
        final Set<PlayerId> disqualified = new HashSet<>();

        @Override
        public boolean disqualified(PlayerId member) {
            return disqualified.contains(member);
        }

        RecordingRoster() {
            super(null, null, Duration.ZERO);
        }

        @Override
        public void enrol(HuntRules hunt, RegisterPlayer command) {
            claims.add("player " + command.playerId() + " " + command.handle());
        }

        @Override
        public void claimTeam(HuntRules hunt, TeamId teamId, String name) {
            claims.add("team " + teamId + " " + name);
        }

        @Override
        public void release(HuntRules hunt, PlayerId playerId) {
            claims.add("release " + playerId);
        }
    }

    private AggregateTestFixture<Team> fixture;
    private FixedHunt hunt;
    private RecordingRoster roster;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
        hunt = new FixedHunt();
        roster = new RecordingRoster();
        fixture.registerInjectableResource(hunt);
        fixture.registerInjectableResource(roster);
        fixture.registerInjectableResource(new SubmissionRateLimit(10, 20));
        fixture.givenCurrentTime(T0);
    }

    private static CreateTeam create(String huntCode) {
        return new CreateTeam(TEAM, HUNT, "Owls", CAPTAIN, "Ann", "token-hash", huntCode, "team-code-hash");
    }

    private static JoinTeam join(PlayerId player, String handle, String codeHash) {
        return new JoinTeam(TEAM, HUNT, player, handle, "token-" + handle, codeHash);
    }

    @Test
    void theCreatorOfATeamIsItsCaptainAndFirstMemberAfterClaimingTheNameAndARegistration() {
        fixture.givenNoPriorActivity()
                .when(create(null))
                .expectEvents(CREATED, CAPTAIN_JOINED);
        assertThat(roster.claims).containsExactly("team t1 Owls", "player p1 Ann");
    }

    @Test
    void aSoloHuntTakesNoTeams() {
        hunt.teamSize = null;
        fixture.givenNoPriorActivity().when(create(null))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "this hunt is played solo: register as a player instead").expectNoEvents();
        assertThat(roster.claims).isEmpty();
    }

    @Test
    void aHuntWithAJoinCodeTakesTeamsOnlyWithIt() {
        hunt.joinCodeHash = "hunt-code-hash";
        fixture.givenNoPriorActivity().when(create("wrong-hash"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(create(null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(create("hunt-code-hash")).expectEvents(CREATED, CAPTAIN_JOINED);
    }

    @Test
    void noTeamIsCreatedOrJoinedOnceRegistrationIsClosed() {
        hunt.status = HuntStatus.ENDED;
        fixture.givenNoPriorActivity().when(create(null)).expectException(RuleViolation.class).expectNoEvents();
        fixture.given(CREATED, CAPTAIN_JOINED).when(join(BOB, "Bob", "team-code-hash"))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "registration is closed: the hunt is ENDED").expectNoEvents();
    }

    @Test
    void aPlayerWithTheTeamsCodeJoinsUntilTheTeamIsFull() {
        fixture.given(CREATED, CAPTAIN_JOINED)
                .when(join(BOB, "Bob", "team-code-hash"))
                .expectEvents(BOB_JOINED);
        assertThat(roster.claims).containsExactly("player p2 Bob");
        fixture.given(CREATED, CAPTAIN_JOINED, BOB_JOINED)
                .when(join(CAROL, "Carol", "team-code-hash"))
                .expectException(RuleViolation.class).expectExceptionMessage("the team is full (2 players)")
                .expectNoEvents();
    }

    @Test
    void aWrongOrMissingTeamCodeIsForbiddenAndRegistersNoOne() {
        fixture.given(CREATED, CAPTAIN_JOINED).when(join(BOB, "Bob", "other-hash"))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "that is not this team's join code (ask the captain)").expectNoEvents();
        fixture.given(CREATED, CAPTAIN_JOINED).when(join(BOB, "Bob", null))
                .expectException(RuleViolation.class).expectNoEvents();
        assertThat(roster.claims).isEmpty();
    }

    @Test
    void aTeamIsNotFoundThroughAnotherHunt() {
        fixture.given(CREATED, CAPTAIN_JOINED)
                .when(new JoinTeam(TEAM, new HuntId("h2"), BOB, "Bob", "t", "team-code-hash"))
                .expectException(RuleViolation.class).expectExceptionMessage("hunt h2 has no team t1").expectNoEvents();
    }

    @Test
    void theCaptainRemovesAMemberBeforeTheStartAndTheSeatIsFreeAgain() {
        fixture.given(CREATED, CAPTAIN_JOINED, BOB_JOINED)
                .when(new RemoveTeamMember(TEAM, HUNT, BOB, CAPTAIN))
                .expectEvents(new TeamMemberRemoved(TEAM, HUNT, BOB, CAPTAIN));
        assertThat(roster.claims).containsExactly("release p2");
        // the freed place takes someone else
        fixture.given(CREATED, CAPTAIN_JOINED, BOB_JOINED, new TeamMemberRemoved(TEAM, HUNT, BOB, CAPTAIN))
                .when(join(CAROL, "Carol", "team-code-hash"))
                .expectEvents(new TeamMemberJoined(TEAM, HUNT, CAROL, "Carol"));
    }

    @Test
    void onlyTheCaptainRemovesOnlyOthersAndOnlyBeforeTheStart() {
        fixture.given(CREATED, CAPTAIN_JOINED, BOB_JOINED).when(new RemoveTeamMember(TEAM, HUNT, CAPTAIN, BOB))
                .expectException(RuleViolation.class).expectExceptionMessage("only the team's captain removes members")
                .expectNoEvents();
        fixture.given(CREATED, CAPTAIN_JOINED, BOB_JOINED).when(new RemoveTeamMember(TEAM, HUNT, CAPTAIN, CAPTAIN))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(CREATED, CAPTAIN_JOINED).when(new RemoveTeamMember(TEAM, HUNT, CAROL, CAPTAIN))
                .expectException(RuleViolation.class).expectNoEvents();
        hunt.status = HuntStatus.RUNNING;
        fixture.given(CREATED, CAPTAIN_JOINED, BOB_JOINED).when(new RemoveTeamMember(TEAM, HUNT, BOB, CAPTAIN))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "members are removed only before the hunt starts; it is RUNNING").expectNoEvents();
        assertThat(roster.claims).isEmpty();
    }

    private Object[] aRunningTeam(Object... more) {
        hunt.status = HuntStatus.RUNNING;
        List<Object> history = new ArrayList<>(List.of(CREATED, CAPTAIN_JOINED, BOB_JOINED));
        history.addAll(List.of(more));
        return history.toArray();
    }

    @Test
    void aFindByAnyMemberCountsOnceForTheTeamAndIsCreditedToItsFinder() {
        fixture.given(aRunningTeam())
                .when(new SubmitTeamFind(TEAM, BOB, FOUNTAIN, "right"))
                .expectEvents(new TeamClueFound(TEAM, HUNT, FOUNTAIN, BOB, 100, 0))
                .expectResultMessagePayload(FindResult.of(FindOutcome.FOUND, 100));
        fixture.given(aRunningTeam(new TeamClueFound(TEAM, HUNT, FOUNTAIN, BOB, 100, 0)))
                .when(new SubmitTeamFind(TEAM, CAPTAIN, FOUNTAIN, "right"))
                .expectEvents(new TeamClueFindRepeated(TEAM, HUNT, FOUNTAIN, CAPTAIN))
                .expectResultMessagePayload(FindResult.of(FindOutcome.ALREADY_FOUND, 0));
    }

    @Test
    void theWrongAnswersOfAllMembersLockTheTeamOutOfTheClue() {
        fixture.given(aRunningTeam(
                        new TeamClueFindRejected(TEAM, HUNT, CLOCK, BOB, 1),
                        new TeamClueFindRejected(TEAM, HUNT, CLOCK, CAPTAIN, 2)))
                .when(new SubmitTeamFind(TEAM, BOB, CLOCK, "ten"))
                .expectEvents(new TeamClueFindRejected(TEAM, HUNT, CLOCK, BOB, 3));
        fixture.given(aRunningTeam(
                        new TeamClueFindRejected(TEAM, HUNT, CLOCK, BOB, 1),
                        new TeamClueFindRejected(TEAM, HUNT, CLOCK, CAPTAIN, 2),
                        new TeamClueFindRejected(TEAM, HUNT, CLOCK, BOB, 3)))
                .andGivenCurrentTime(T0.plusSeconds(10))
                .when(new SubmitTeamFind(TEAM, CAPTAIN, CLOCK, "nine"))
                .expectEvents(new TeamClueFindRefused(TEAM, HUNT, CLOCK, CAPTAIN, 50))
                .expectResultMessagePayload(new FindResult(FindOutcome.LOCKED_OUT, 0, 50));
        // the wrong answers before the find are the team's
        fixture.given(aRunningTeam(new TeamClueFindRejected(TEAM, HUNT, CLOCK, BOB, 1)))
                .when(new SubmitTeamFind(TEAM, CAPTAIN, CLOCK, "nine"))
                .expectEvents(new TeamClueFound(TEAM, HUNT, CLOCK, CAPTAIN, 50, 1));
    }

    @Test
    void theMembersShareOneSubmissionRate() {
        List<Object> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(new TeamClueFindRepeated(TEAM, HUNT, FOUNTAIN, i % 2 == 0 ? BOB : CAPTAIN));
        }
        fixture.given(aRunningTeam(burst.toArray()))
                .andGivenCurrentTime(T0.plusMillis(1500))
                .when(new SubmitTeamFind(TEAM, CAPTAIN, CLOCK, "nine"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("too many submissions; slow down to the hunt's rate limit");
    }

    @Test
    void aHintIsBoughtOncePerTeam() {
        fixture.given(aRunningTeam())
                .when(new RequestTeamHint(TEAM, BOB, FOUNTAIN))
                .expectEvents(new TeamHintTaken(TEAM, HUNT, FOUNTAIN, BOB, 20))
                .expectResultMessagePayload(new HintResult("Look at the trident", 20));
        fixture.given(aRunningTeam(new TeamHintTaken(TEAM, HUNT, FOUNTAIN, BOB, 20)))
                .when(new RequestTeamHint(TEAM, CAPTAIN, FOUNTAIN))
                .expectNoEvents()
                .expectResultMessagePayload(new HintResult("Look at the trident", 0));
    }

    @Test
    void onlyPlayingMembersOfAPlayingTeamSubmit() {
        fixture.given(aRunningTeam()).when(new SubmitTeamFind(TEAM, CAROL, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "the player is not a member of this team").expectNoEvents();
        fixture.given(aRunningTeam(new TeamMemberRemoved(TEAM, HUNT, BOB, CAPTAIN)))
                .when(new SubmitTeamFind(TEAM, BOB, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(aRunningTeam(new TeamDisqualified(TEAM, HUNT, "cheating", "org")))
                .when(new SubmitTeamFind(TEAM, BOB, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "a disqualified team cannot submit finds").expectNoEvents();
        roster.disqualified.add(BOB);
        fixture.given(aRunningTeam()).when(new SubmitTeamFind(TEAM, BOB, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "a disqualified player cannot submit finds").expectNoEvents();
        fixture.given(aRunningTeam()).when(new SubmitTeamFind(TEAM, CAPTAIN, FOUNTAIN, "right"))
                .expectEvents(new TeamClueFound(TEAM, HUNT, FOUNTAIN, CAPTAIN, 100, 0));
        hunt.status = HuntStatus.PUBLISHED;
        fixture.given(CREATED, CAPTAIN_JOINED).when(new SubmitTeamFind(TEAM, CAPTAIN, FOUNTAIN, "right"))
                .expectException(RuleViolation.class).expectExceptionMessage(
                        "the hunt is PUBLISHED, not RUNNING").expectNoEvents();
    }

    @Test
    void organizersDisqualifyReinstateAndAdjustATeamWithinBounds() {
        fixture.given(aRunningTeam()).when(new DisqualifyTeam(TEAM, HUNT, "shared answers", "org"))
                .expectEvents(new TeamDisqualified(TEAM, HUNT, "shared answers", "org"));
        fixture.given(aRunningTeam()).when(new DisqualifyTeam(TEAM, HUNT, " ", "org"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(aRunningTeam()).when(new ReinstateTeam(TEAM, HUNT, "org"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(aRunningTeam(new TeamDisqualified(TEAM, HUNT, "r", "org")))
                .when(new ReinstateTeam(TEAM, HUNT, "org"))
                .expectEvents(new TeamReinstated(TEAM, HUNT, "org"));
        fixture.given(aRunningTeam()).when(new AdjustTeamScore(TEAM, HUNT, -30, "late", "org"))
                .expectEvents(new TeamScoreAdjusted(TEAM, HUNT, -30, "late", "org"));
        fixture.given(aRunningTeam()).when(new AdjustTeamScore(TEAM, HUNT, Integer.MIN_VALUE, "x", "org"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(aRunningTeam(new TeamScoreAdjusted(TEAM, HUNT, 100_000, "a", "org")))
                .when(new AdjustTeamScore(TEAM, HUNT, 1, "b", "org"))
                .expectEvents(new TeamScoreAdjusted(TEAM, HUNT, 1, "b", "org"));
        fixture.given(aRunningTeam()).when(new AdjustTeamScore(TEAM, new HuntId("h2"), 1, "b", "org"))
                .expectException(RuleViolation.class).expectNoEvents();
    }
}
