package io.veltrix.command.team;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.forbidden;
import static io.veltrix.api.rule.RuleViolation.invalid;
import static io.veltrix.api.rule.RuleViolation.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.veltrix.api.find.FindResult;
import io.veltrix.api.find.HintResult;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
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
import io.veltrix.command.hunt.HuntDirectory.Clue;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import io.veltrix.command.hunt.JoinCodes;
import io.veltrix.command.player.Attempts;
import io.veltrix.command.player.Attempts.Verdict;
import io.veltrix.command.player.Player;
import io.veltrix.command.player.Roster;
import io.veltrix.command.player.SubmissionRateLimit;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One team of a team-mode hunt: its members (at most the hunt's team size, decided here, so a
 * stampede on one team fills it exactly), and what they submit together: a find by any member
 * counts once for the team, and the rate limit, the wrong-answer lockout and hints are the team's.
 * Hunt-wide claims (team name, handles, caps) go through the {@link Roster}; members are players
 * with streams of their own, where organizers' corrections of a member are recorded. Longer than
 * most files here for the reason {@link io.veltrix.command.hunt.Hunt} is: command and event sourcing
 * handlers of one aggregate are one class.
 */
@Aggregate(cache = "aggregateCache")
public class Team {

    @AggregateIdentifier
    private TeamId teamId;
    private HuntId huntId;
    private PlayerId captain;
    private String joinCodeHash;
    private final Set<PlayerId> members = new LinkedHashSet<>();
    private final Attempts attempts = new Attempts();
    private boolean disqualified;
    /** The sum of the team's score adjustments so far. */
    private long adjusted;

    protected Team() {
        // for Axon
    }

    @CommandHandler
    public Team(CreateTeam command, HuntDirectory hunts, Roster roster) throws Exception {
        HuntRules hunt = hunts.rules(command.huntId())
                .orElseThrow(() -> notFound("unknown-hunt", "hunt " + command.huntId() + " does not exist"));
        if (hunt.joinCodeHash() != null && !JoinCodes.matches(hunt.joinCodeHash(), command.huntJoinCodeHash())) {
            throw forbidden("wrong-join-code", "this hunt takes teams only with its join code (ask the organizers)");
        }
        requireOpenTeamHunt(hunt);
        roster.claimTeam(hunt, command.teamId(), command.name());
        roster.enrol(hunt, new RegisterPlayer(command.captainId(), command.huntId(), command.handle(),
                command.tokenHash(), command.huntJoinCodeHash()));
        apply(new TeamCreated(command.teamId(), command.huntId(), command.name(), command.captainId(),
                command.teamJoinCodeHash()));
        apply(new TeamMemberJoined(command.teamId(), command.huntId(), command.captainId(), command.handle()));
    }

    @CommandHandler
    public void handle(JoinTeam command, HuntDirectory hunts, Roster roster) throws Exception {
        requireOwnHunt(command.huntId());
        if (!JoinCodes.matches(joinCodeHash, command.joinCodeHash())) {
            throw forbidden("wrong-join-code", "that is not this team's join code (ask the captain)");
        }
        HuntRules hunt = rules(hunts);
        requireOpenTeamHunt(hunt);
        if (members.size() >= hunt.teamSize()) {
            throw conflict("team-full", "the team is full (" + hunt.teamSize() + " players)");
        }
        roster.enrol(hunt, new RegisterPlayer(command.playerId(), huntId, command.handle(), command.tokenHash(), null));
        apply(new TeamMemberJoined(teamId, huntId, command.playerId(), command.handle()));
    }

    @CommandHandler
    public void handle(RemoveTeamMember command, HuntDirectory hunts, Roster roster) {
        requireOwnHunt(command.huntId());
        if (!captain.equals(command.by())) {
            throw forbidden("not-captain", "only the team's captain removes members");
        }
        if (captain.equals(command.memberId())) {
            throw conflict("captain-stays", "the captain cannot be removed from the team");
        }
        if (!members.contains(command.memberId())) {
            throw notFound("unknown-member", "the team has no member " + command.memberId());
        }
        HuntRules hunt = rules(hunts);
        if (hunt.status() != HuntStatus.PUBLISHED) {
            throw conflict("hunt-started", "members are removed only before the hunt starts; it is " + hunt.status());
        }
        roster.release(hunt, command.memberId());
        apply(new TeamMemberRemoved(teamId, huntId, command.memberId(), command.by()));
    }

    @CommandHandler
    public FindResult handle(SubmitTeamFind command, HuntDirectory hunts, SubmissionRateLimit rateLimit, Roster roster) {
        HuntRules rules = runningHunt(hunts);
        requirePlayingMember(command.playerId(), roster);
        Clue clue = hunts.clue(huntId, command.clueId())
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + command.clueId()));
        Verdict verdict = attempts.judge(clue, command.answerHash(), rules, GenericEventMessage.clock.instant(),
                rateLimit);
        PlayerId member = command.playerId();
        switch (verdict.outcome()) {
            case LOCKED_OUT -> apply(new TeamClueFindRefused(teamId, huntId, clue.clueId(), member,
                    verdict.retryAfterSeconds()));
            case WRONG -> apply(new TeamClueFindRejected(teamId, huntId, clue.clueId(), member, verdict.wrongInWindow()));
            case ALREADY_FOUND -> apply(new TeamClueFindRepeated(teamId, huntId, clue.clueId(), member));
            case FOUND -> apply(new TeamClueFound(teamId, huntId, clue.clueId(), member, verdict.points(),
                    verdict.wrongBefore()));
        }
        return new FindResult(verdict.outcome(), verdict.points(), verdict.retryAfterSeconds());
    }

    @CommandHandler
    public HintResult handle(RequestTeamHint command, HuntDirectory hunts, Roster roster) {
        runningHunt(hunts);
        if (!members.contains(command.playerId())) {
            throw forbidden("not-a-member", "the player is not a member of this team");
        }
        Clue clue = hunts.clue(huntId, command.clueId())
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + command.clueId()));
        if (clue.hint() == null) {
            throw notFound("no-hint", "clue " + command.clueId() + " has no hint");
        }
        if (attempts.hintTaken(clue.clueId())) {
            return new HintResult(clue.hint(), 0);
        }
        apply(new TeamHintTaken(teamId, huntId, clue.clueId(), command.playerId(), clue.hintPenalty()));
        return new HintResult(clue.hint(), clue.hintPenalty());
    }

    @CommandHandler
    public void handle(DisqualifyTeam command) {
        requireOwnHunt(command.huntId());
        requireReason(command.reason());
        if (disqualified) {
            throw conflict("already-disqualified", "the team is already disqualified");
        }
        apply(new TeamDisqualified(teamId, huntId, command.reason(), command.organizer()));
    }

    @CommandHandler
    public void handle(ReinstateTeam command) {
        requireOwnHunt(command.huntId());
        if (!disqualified) {
            throw conflict("not-disqualified", "the team is not disqualified");
        }
        apply(new TeamReinstated(teamId, huntId, command.organizer()));
    }

    @CommandHandler
    public void handle(AdjustTeamScore command) {
        requireOwnHunt(command.huntId());
        requireReason(command.reason());
        int points = command.points();
        // compared directly: Math.abs(Integer.MIN_VALUE) is negative and would pass an abs check
        if (points == 0 || points < -Player.MAX_ADJUSTMENT || points > Player.MAX_ADJUSTMENT) {
            throw invalid("invalid-adjustment", "points must be non-zero and at most " + Player.MAX_ADJUSTMENT
                    + " either way");
        }
        if (Math.abs(adjusted + points) > Player.MAX_ADJUSTMENT_TOTAL) {
            throw conflict("adjustment-limit", "the team's adjustments would add up to " + (adjusted + points)
                    + ", beyond " + Player.MAX_ADJUSTMENT_TOTAL + " either way");
        }
        apply(new TeamScoreAdjusted(teamId, huntId, points, command.reason(), command.organizer()));
    }

    /** Finds come from members still in the team, neither they nor the team disqualified. */
    private void requirePlayingMember(PlayerId member, Roster roster) {
        if (!members.contains(member)) {
            throw forbidden("not-a-member", "the player is not a member of this team");
        }
        if (disqualified) {
            throw conflict("team-disqualified", "a disqualified team cannot submit finds");
        }
        if (roster.disqualified(member)) {
            throw conflict("player-disqualified", "a disqualified player cannot submit finds");
        }
    }

    private HuntRules runningHunt(HuntDirectory hunts) {
        HuntRules rules = rules(hunts);
        if (rules.status() != HuntStatus.RUNNING) {
            throw conflict("hunt-not-running", "the hunt is " + rules.status() + ", not RUNNING");
        }
        return rules;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw invalid("reason-required", "a correction needs a reason");
        }
    }

    private HuntRules rules(HuntDirectory hunts) {
        return hunts.rules(huntId).orElseThrow(() -> notFound("unknown-hunt", "hunt " + huntId + " does not exist"));
    }

    private void requireOwnHunt(HuntId asked) {
        if (!huntId.equals(asked)) {
            throw notFound("unknown-team", "hunt " + asked + " has no team " + teamId);
        }
    }

    private static void requireOpenTeamHunt(HuntRules hunt) {
        if (!hunt.teamMode()) {
            throw conflict("solo-hunt", "this hunt is played solo: register as a player instead");
        }
        if (!hunt.status().acceptsRegistrations()) {
            throw conflict("registration-closed", "registration is closed: the hunt is " + hunt.status());
        }
    }

    @EventSourcingHandler
    void on(TeamCreated event) {
        teamId = event.teamId();
        huntId = event.huntId();
        captain = event.captainId();
        joinCodeHash = event.joinCodeHash();
    }

    @EventSourcingHandler
    void on(TeamMemberJoined event) {
        members.add(event.playerId());
    }

    @EventSourcingHandler
    void on(TeamMemberRemoved event) {
        members.remove(event.playerId());
    }

    @EventSourcingHandler
    void on(TeamClueFound event, @Timestamp Instant at) {
        attempts.recordFound(event.clueId(), at);
    }

    @EventSourcingHandler
    void on(TeamClueFindRepeated event, @Timestamp Instant at) {
        attempts.recordSubmission(at);
    }

    @EventSourcingHandler
    void on(TeamClueFindRefused event, @Timestamp Instant at) {
        attempts.recordSubmission(at);
    }

    @EventSourcingHandler
    void on(TeamClueFindRejected event, @Timestamp Instant at) {
        attempts.recordWrong(event.clueId(), at);
    }

    @EventSourcingHandler
    void on(TeamHintTaken event) {
        attempts.recordHint(event.clueId());
    }

    @EventSourcingHandler
    void on(TeamScoreAdjusted event) {
        adjusted += event.points();
    }

    @EventSourcingHandler
    void on(TeamDisqualified event) {
        disqualified = true;
    }

    @EventSourcingHandler
    void on(TeamReinstated event) {
        disqualified = false;
    }
}
