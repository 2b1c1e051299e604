package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.invalid;
import static io.veltrix.api.rule.RuleViolation.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.api.player.ReinstatePlayer;
import io.veltrix.api.player.RevokePlayerToken;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.command.hunt.Hunt;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntDirectory.Clue;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    static final int MAX_ADJUSTMENT = 100_000;
    /**
     * The most a player's adjustments may add up to either way. With clue points, bonuses and hint
     * penalties bounded by the hunt, every score then fits the 32-bit integers of the read models.
     */
    static final int MAX_ADJUSTMENT_TOTAL = 1_000_000;

    @AggregateIdentifier
    private PlayerId playerId;
    private HuntId huntId;
    private boolean disqualified;
    private final Set<ClueId> found = new HashSet<>();
    private final Set<ClueId> hintsTaken = new HashSet<>();
    private final Map<ClueId, List<Instant>> wrongAnswers = new HashMap<>();
    /** All wrong answers per clue, for ClueFound.wrongBefore (wrongAnswers keeps only the latest). */
    private final Map<ClueId, Integer> wrongAnswerCount = new HashMap<>();
    /** The sum of the player's score adjustments so far. */
    private long adjusted;
    private final RecentSubmissions submissions = new RecentSubmissions();

    protected Player() {
        // for Axon
    }

    /** Created by {@link RegistrationDesk} once the hunt-wide rules (handle, capacity) hold. */
    Player(RegisterPlayer command) {
        apply(new PlayerRegistered(command.playerId(), command.huntId(), command.handle(), command.tokenHash()));
    }

    @CommandHandler
    public FindResult handle(SubmitFind command, HuntDirectory hunts, SubmissionRateLimit rateLimit) {
        HuntRules rules = runningHunt(hunts);
        if (disqualified) {
            throw conflict("player-disqualified", "a disqualified player cannot submit finds");
        }
        Clue clue = hunts.clue(huntId, command.clueId())
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + command.clueId()));
        Instant now = GenericEventMessage.clock.instant();
        rateLimit.checkHistory(submissions, now);
        Duration window = Duration.ofSeconds(rules.lockoutWindowSeconds());
        List<Instant> recentWrong = recentWrongAnswers(clue.clueId(), now.minus(window));
        if (recentWrong.size() >= rules.maxWrongAttempts()) {
            // The clue unlocks when enough of the wrong answers leave the window.
            Instant unlocksAt = recentWrong.get(recentWrong.size() - rules.maxWrongAttempts()).plus(window);
            long retryAfter = Math.max(1, (Duration.between(now, unlocksAt).toMillis() + 999) / 1000);
            apply(new ClueFindRefused(playerId, huntId, clue.clueId(), retryAfter));
            return new FindResult(FindOutcome.LOCKED_OUT, 0, retryAfter);
        }
        boolean correct = command.answerHash() != null && clue.answerHashes().contains(command.answerHash());
        if (!correct) {
            apply(new ClueFindRejected(playerId, huntId, clue.clueId(), recentWrong.size() + 1));
            return FindResult.of(FindOutcome.WRONG, 0);
        }
        if (found.contains(clue.clueId())) {
            apply(new ClueFindRepeated(playerId, huntId, clue.clueId()));
            return FindResult.of(FindOutcome.ALREADY_FOUND, 0);
        }
        apply(new ClueFound(playerId, huntId, clue.clueId(), clue.points(),
                wrongAnswerCount.getOrDefault(clue.clueId(), 0)));
        return FindResult.of(FindOutcome.FOUND, clue.points());
    }

    @CommandHandler
    public HintResult handle(RequestHint command, HuntDirectory hunts) {
        runningHunt(hunts);
        Clue clue = hunts.clue(huntId, command.clueId())
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + command.clueId()));
        if (clue.hint() == null) {
            throw notFound("no-hint", "clue " + command.clueId() + " has no hint");
        }
        if (hintsTaken.contains(clue.clueId())) {
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

    private List<Instant> recentWrongAnswers(ClueId clueId, Instant windowStart) {
        return wrongAnswers.getOrDefault(clueId, List.of()).stream().filter(at -> at.isAfter(windowStart)).toList();
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
        found.add(event.clueId());
        submissions.add(at);
    }

    @EventSourcingHandler
    void on(ClueFindRepeated event, @Timestamp Instant at) {
        submissions.add(at);
    }

    @EventSourcingHandler
    void on(ClueFindRefused event, @Timestamp Instant at) {
        submissions.add(at);
    }

    @EventSourcingHandler
    void on(ClueFindRejected event, @Timestamp Instant at) {
        submissions.add(at);
        wrongAnswerCount.merge(event.clueId(), 1, Integer::sum);
        List<Instant> wrong = wrongAnswers.computeIfAbsent(event.clueId(), id -> new ArrayList<>());
        wrong.add(at);
        // Only the latest maxWrongAttempts answers can ever matter for a lockout.
        if (wrong.size() > Hunt.MAX_WRONG_ATTEMPTS) {
            wrong.remove(0);
        }
    }

    @EventSourcingHandler
    void on(HintTaken event) {
        hintsTaken.add(event.clueId());
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
