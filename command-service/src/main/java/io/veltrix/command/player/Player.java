package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.forbidden;
import static io.veltrix.api.rule.RuleViolation.invalid;
import static io.veltrix.api.rule.RuleViolation.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.veltrix.api.find.ClueFindRefused;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFindRepeated;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.FindResult;
import io.veltrix.api.find.HintResult;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.find.RequestHint;
import io.veltrix.api.find.SubmitFind;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.player.AdjustScore;
import io.veltrix.api.player.DisqualifyPlayer;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.PlayerTokenRevoked;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.api.player.ReinstatePlayer;
import io.veltrix.api.player.RevokePlayerToken;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntDirectory.Clue;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import io.veltrix.command.player.Attempts.Verdict;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One player in one hunt: finds, lockouts, hints and organizer corrections. An aggregate per
 * player keeps a hunt's traffic spread over thousands of small streams instead of one hot one.
 */
@Aggregate(cache = "aggregateCache")
public class Player {

    public static final int MAX_ADJUSTMENT = 100_000;
    /**
     * The most a player's adjustments may add up to either way. With clue points, bonuses and hint
     * penalties bounded by the hunt, every score then fits the 32-bit integers of the read models.
     */
    public static final int MAX_ADJUSTMENT_TOTAL = 1_000_000;

    @AggregateIdentifier
    private PlayerId playerId;
    private HuntId huntId;
    private boolean disqualified;
    private final Attempts attempts = new Attempts();
    /** The sum of the player's score adjustments so far. */
    private long adjusted;

    protected Player() {
        // for Axon
    }

    /** Created by {@link Roster#enrol} once the hunt-wide rules (handle, capacity) hold. */
    public Player(RegisterPlayer command) {
        apply(new PlayerRegistered(command.playerId(), command.huntId(), command.handle(), command.tokenHash()));
    }

    @CommandHandler
    public FindResult handle(SubmitFind command, HuntDirectory hunts, SubmissionRateLimit rateLimit) {
        HuntRules rules = runningHunt(hunts);
        if (rules.teamMode()) {
            // a member removed from their team; members play through their team
            throw forbidden("not-in-team", "this hunt is played in teams, and the player is in none");
        }
        if (disqualified) {
            throw conflict("player-disqualified", "a disqualified player cannot submit finds");
        }
        Clue clue = hunts.clue(huntId, command.clueId())
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + command.clueId()));
        Verdict verdict = attempts.judge(clue, command.answerHash(), rules, GenericEventMessage.clock.instant(),
                rateLimit);
        switch (verdict.outcome()) {
            case LOCKED_OUT -> apply(new ClueFindRefused(playerId, huntId, clue.clueId(), verdict.retryAfterSeconds()));
            case WRONG -> apply(new ClueFindRejected(playerId, huntId, clue.clueId(), verdict.wrongInWindow()));
            case ALREADY_FOUND -> apply(new ClueFindRepeated(playerId, huntId, clue.clueId()));
            case FOUND -> apply(new ClueFound(playerId, huntId, clue.clueId(), verdict.points(), verdict.wrongBefore()));
        }
        return new FindResult(verdict.outcome(), verdict.points(), verdict.retryAfterSeconds());
    }

    @CommandHandler
    public HintResult handle(RequestHint command, HuntDirectory hunts) {
        HuntRules rules = runningHunt(hunts);
        if (rules.teamMode()) {
            throw forbidden("not-in-team", "this hunt is played in teams, and the player is in none");
        }
        Clue clue = hunts.clue(huntId, command.clueId())
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + command.clueId()));
        if (clue.hint() == null) {
            throw notFound("no-hint", "clue " + command.clueId() + " has no hint");
        }
        if (attempts.hintTaken(clue.clueId())) {
            return new HintResult(clue.hint(), 0);
        }
        apply(new HintTaken(playerId, huntId, clue.clueId(), clue.hintPenalty()));
        return new HintResult(clue.hint(), clue.hintPenalty());
    }

    @CommandHandler
    public void handle(DisqualifyPlayer command) {
        requireReason(command.reason());
        if (disqualified) {
            throw conflict("already-disqualified", "the player is already disqualified");
        }
        apply(new PlayerDisqualified(playerId, huntId, command.reason(), command.organizer()));
        // a disqualified player's tokens stop working too; an organizer may issue a new one later
        apply(new PlayerTokenRevoked(playerId, huntId, null, "disqualified: " + command.reason(), command.organizer()));
    }

    @CommandHandler
    public void handle(RevokePlayerToken command) {
        requireReason(command.reason());
        if (command.tokenHash() == null) {
            throw invalid("token-required", "a revocation issues a replacement token");
        }
        apply(new PlayerTokenRevoked(playerId, huntId, command.tokenHash(), command.reason(), command.organizer()));
    }

    @CommandHandler
    public void handle(ReinstatePlayer command) {
        if (!disqualified) {
            throw conflict("not-disqualified", "the player is not disqualified");
        }
        apply(new PlayerReinstated(playerId, huntId, command.organizer()));
    }

    @CommandHandler
    public void handle(AdjustScore command) {
        requireReason(command.reason());
        int points = command.points();
        // compared directly: Math.abs(Integer.MIN_VALUE) is negative and would pass an abs check
        if (points == 0 || points < -MAX_ADJUSTMENT || points > MAX_ADJUSTMENT) {
            throw invalid("invalid-adjustment", "points must be non-zero and at most " + MAX_ADJUSTMENT + " either way");
        }
        if (Math.abs(adjusted + points) > MAX_ADJUSTMENT_TOTAL) {
            throw conflict("adjustment-limit", "the player's adjustments would add up to " + (adjusted + points)
                    + ", beyond " + MAX_ADJUSTMENT_TOTAL + " either way");
        }
        apply(new ScoreAdjusted(playerId, huntId, command.points(), command.reason(), command.organizer()));
    }

    private HuntRules runningHunt(HuntDirectory hunts) {
        HuntRules rules = hunts.rules(huntId)
                .orElseThrow(() -> notFound("unknown-hunt", "hunt " + huntId + " does not exist"));
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

    @EventSourcingHandler
    void on(PlayerRegistered event) {
        playerId = event.playerId();
        huntId = event.huntId();
    }

    @EventSourcingHandler
    void on(ClueFound event, @Timestamp Instant at) {
        attempts.recordFound(event.clueId(), at);
    }

    @EventSourcingHandler
    void on(ClueFindRepeated event, @Timestamp Instant at) {
        attempts.recordSubmission(at);
    }

    @EventSourcingHandler
    void on(ClueFindRefused event, @Timestamp Instant at) {
        attempts.recordSubmission(at);
    }

    @EventSourcingHandler
    void on(ClueFindRejected event, @Timestamp Instant at) {
        attempts.recordWrong(event.clueId(), at);
    }

    @EventSourcingHandler
    void on(HintTaken event) {
        attempts.recordHint(event.clueId());
    }

    @EventSourcingHandler
    void on(ScoreAdjusted event) {
        adjusted += event.points();
    }

    @EventSourcingHandler
    void on(PlayerDisqualified event) {
        disqualified = true;
    }

    @EventSourcingHandler
    void on(PlayerReinstated event) {
        disqualified = false;
    }
}
