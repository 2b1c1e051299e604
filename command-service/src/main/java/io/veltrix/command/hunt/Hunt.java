package io.veltrix.command.hunt;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.forbidden;
import static io.veltrix.api.rule.RuleViolation.invalid;
import static io.veltrix.api.rule.RuleViolation.notFound;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.veltrix.api.hunt.AddClue;
import io.veltrix.api.hunt.AddHuntOrganizer;
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
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.api.hunt.JoinCodeChanged;
import io.veltrix.api.hunt.PublishHunt;
import io.veltrix.api.hunt.RemoveClue;
import io.veltrix.api.hunt.RemoveHuntOrganizer;
import io.veltrix.api.hunt.ReportWrongAnswerSurge;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.StartHunt;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.hunt.WrongAnswersSurged;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A hunt's lifecycle and clue set. Players live in their own aggregates. Longer than most files
 * here: an aggregate's command handlers and the event sourcing handlers that rebuild its state
 * from its events are one class in Axon's model, and each rule sits beside the state it reads.
 */
@Aggregate(cache = "aggregateCache")
public class Hunt {

    static final int MAX_POINTS = 10_000;
    static final int MAX_CLUES = 500;
    /** The largest team a team-mode hunt may allow. */
    public static final int MAX_TEAM_SIZE = 50;
    /** Upper bound of a hunt's maxWrongAttempts; players remember no more wrong answers per clue. */
    public static final int MAX_WRONG_ATTEMPTS = 100;
    /** A freeze instant this far in the past is still taken as "now" (clock skew between hosts). */
    static final Duration FREEZE_SKEW = Duration.ofSeconds(5);

    @AggregateIdentifier
    private HuntId huntId;
    private HuntStatus status;
    private final Set<ClueId> clues = new HashSet<>();
    private boolean frozen;
    /**
     * The account that created the hunt and its co-organizers, in the order they came: the first
     * is the hunt's owner, so when an admin removes the creator the earliest co-organizer owns it.
     */
    private final Set<String> organizers = new LinkedHashSet<>();

    protected Hunt() {
        // for Axon
    }

    @CommandHandler
    public Hunt(CreateHunt command) {
        checkSettings(command.name(), command.startsAt(), command.endsAt(), command.maxPlayers(),
                command.firstFinderBonus(), command.maxWrongAttempts(), command.lockoutWindowSeconds());
        if (command.teamSize() != null && (command.teamSize() < 1 || command.teamSize() > MAX_TEAM_SIZE)) {
            throw invalid("invalid-hunt", "teamSize must be between 1 and " + MAX_TEAM_SIZE);
        }
        if (command.maxTeams() != null && command.teamSize() == null) {
            throw invalid("invalid-hunt", "maxTeams needs a teamSize: a hunt without one is played solo");
        }
        if (command.maxTeams() != null && command.maxTeams() < 1) {
            throw invalid("invalid-hunt", "maxTeams must be at least 1");
        }
        apply(new HuntCreated(command.huntId(), command.name(), command.startsAt(), command.endsAt(),
                command.maxPlayers(), command.firstFinderBonus(), command.maxWrongAttempts(),
                command.lockoutWindowSeconds(), command.organizer(), command.joinCodeHash()));
        if (command.teamSize() != null) {
            apply(new TeamModeSet(command.huntId(), command.teamSize(), command.maxTeams()));
        }
    }

    /** The settings a hunt is created with and a draft may change, checked the same way both times. */
    private static void checkSettings(String name, Instant startsAt, Instant endsAt, Integer maxPlayers,
                                      int firstFinderBonus, int maxWrongAttempts, int lockoutWindowSeconds) {
        if (name == null || name.isBlank()) {
            throw invalid("invalid-hunt", "a hunt needs a name");
        }
        if (maxPlayers != null && maxPlayers < 1) {
            throw invalid("invalid-hunt", "maxPlayers must be at least 1");
        }
        if (firstFinderBonus < 0 || firstFinderBonus > MAX_POINTS) {
            throw invalid("invalid-hunt", "firstFinderBonus must be between 0 and " + MAX_POINTS);
        }
        if (maxWrongAttempts < 1 || maxWrongAttempts > MAX_WRONG_ATTEMPTS) {
            throw invalid("invalid-hunt", "maxWrongAttempts must be between 1 and " + MAX_WRONG_ATTEMPTS);
        }
        if (lockoutWindowSeconds < 1) {
            throw invalid("invalid-hunt", "lockoutWindowSeconds must be at least 1");
        }
        if (startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
            throw invalid("invalid-hunt", "startsAt must be before endsAt");
        }
    }

    /**
     * Before publishing, an organizer may correct any setting but the join code (its own command)
     * and the team mode: a draft has no players yet, so nothing already decided depends on them.
     */
    @CommandHandler
    public void handle(EditHunt command) {
        requireDraft("the settings can only be changed");
        checkSettings(command.name(), command.startsAt(), command.endsAt(), command.maxPlayers(),
                command.firstFinderBonus(), command.maxWrongAttempts(), command.lockoutWindowSeconds());
        apply(new HuntEdited(huntId, command.name(), command.startsAt(), command.endsAt(), command.maxPlayers(),
                command.firstFinderBonus(), command.maxWrongAttempts(), command.lockoutWindowSeconds(), command.by()));
    }

    @CommandHandler
    public void handle(AddClue command) {
        requireDraft("clues can only be added");
        if (clues.contains(command.clueId())) {
            throw conflict("clue-exists", "clue " + command.clueId() + " already exists");
        }
        if (clues.size() >= MAX_CLUES) {
            throw conflict("too-many-clues", "a hunt holds at most " + MAX_CLUES + " clues");
        }
        checkClue(command.points(), command.hint(), command.hintPenalty());
        if (command.answerHashes() == null || command.answerHashes().isEmpty()) {
            throw invalid("invalid-clue", "a clue needs at least one accepted answer");
        }
        apply(new ClueAdded(huntId, command.clueId(), command.title(), command.riddle(), command.points(),
                command.hint(), command.hintPenalty(), command.salt(), command.answerHashes(), command.organizer()));
    }

    /** Edits happen before publishing only, so no find or hint was ever scored with the old values. */
    @CommandHandler
    public void handle(EditClue command) {
        requireDraft("clues can only be edited");
        requireClue(command.clueId());
        checkClue(command.points(), command.hint(), command.hintPenalty());
        if ((command.salt() == null) != (command.answerHashes() == null)
                || command.answerHashes() != null && command.answerHashes().isEmpty()) {
            throw invalid("invalid-clue", "new answers need a salt and at least one accepted answer");
        }
        apply(new ClueEdited(huntId, command.clueId(), command.title(), command.riddle(), command.points(),
                command.hint(), command.hintPenalty(), command.salt(), command.answerHashes(), command.by()));
    }

    @CommandHandler
    public void handle(RemoveClue command) {
        requireDraft("clues can only be removed");
        requireClue(command.clueId());
        apply(new ClueRemoved(huntId, command.clueId(), command.by()));
    }

    private static void checkClue(int points, String hint, int hintPenalty) {
        if (points < 1 || points > MAX_POINTS) {
            throw invalid("invalid-clue", "points must be between 1 and " + MAX_POINTS);
        }
        if (hintPenalty < 0 || hintPenalty > MAX_POINTS) {
            throw invalid("invalid-clue", "hintPenalty must be between 0 and " + MAX_POINTS);
        }
        if (hint == null && hintPenalty > 0) {
            throw invalid("invalid-clue", "a hintPenalty needs a hint");
        }
    }

    private void requireDraft(String what) {
        if (status != HuntStatus.DRAFT) {
            throw conflict("hunt-not-draft", what + " while the hunt is DRAFT; it is " + status);
        }
    }

    private void requireClue(ClueId clueId) {
        if (!clues.contains(clueId)) {
            throw notFound("unknown-clue", "this hunt has no clue " + clueId);
        }
    }

    @CommandHandler
    public void handle(PublishHunt command) {
        requireStatus(HuntStatus.DRAFT, "publish");
        if (clues.isEmpty()) {
            throw conflict("hunt-without-clues", "a hunt needs at least one clue before it is published");
        }
        apply(new HuntPublished(huntId, clues.size(), command.by()));
    }

    @CommandHandler
    public void handle(StartHunt command) {
        requireStatus(HuntStatus.PUBLISHED, "start");
        apply(new HuntStarted(huntId, command.by()));
    }

    @CommandHandler
    public void handle(EndHunt command) {
        if (status != HuntStatus.PUBLISHED && status != HuntStatus.RUNNING) {
            throw illegalTransition("end");
        }
        apply(new HuntEnded(huntId, command.by()));
    }

    @CommandHandler
    public void handle(FreezeScoreboard command) {
        if (status != HuntStatus.PUBLISHED && status != HuntStatus.RUNNING) {
            throw illegalTransition("freeze");
        }
        if (frozen) {
            throw conflict("already-frozen", "the scoreboard of this hunt is already frozen");
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant at = command.at() == null ? now : command.at();
        if (at.isBefore(now.minus(FREEZE_SKEW))) {
            throw invalid("freeze-in-past", "a freeze instant must not lie in the past");
        }
        apply(new ScoreboardFrozen(huntId, at.isBefore(now) ? now : at, command.by()));
    }

    @CommandHandler
    public void handle(ChangeJoinCode command) {
        if (status == HuntStatus.ENDED) {
            throw illegalTransition("change the join code of");
        }
        apply(new JoinCodeChanged(huntId, command.joinCodeHash(), command.by()));
    }

    /** Adding an organizer the hunt already has changes nothing: a retry without a key stays harmless. */
    @CommandHandler
    public void handle(AddHuntOrganizer command) {
        if (command.username() == null || command.username().isBlank()) {
            throw invalid("invalid-organizer", "a co-organizer needs a user name");
        }
        if (!organizers.contains(command.username())) {
            apply(new HuntOrganizerAdded(huntId, command.username(), command.by()));
        }
    }

    /**
     * The owner (or an admin) takes an organizer off the hunt; never the last one, so that someone
     * besides the admins still runs it.
     */
    @CommandHandler
    public void handle(RemoveHuntOrganizer command) {
        if (!organizers.contains(command.username())) {
            throw notFound("not-an-organizer", command.username() + " does not organize this hunt");
        }
        if (!command.byAdmin() && !owner().equals(command.by())) {
            throw forbidden("not-the-owner", "only the hunt's owner (" + owner() + ") or an admin removes organizers");
        }
        if (organizers.size() == 1) {
            throw conflict("last-organizer", command.username() + " is the hunt's last organizer: add another first");
        }
        apply(new HuntOrganizerRemoved(huntId, command.username(), command.by()));
    }

    /** The earliest organizer still on the hunt: its creator unless an admin removed it. */
    private String owner() {
        return organizers.iterator().next();
    }

    @CommandHandler
    public void handle(ReportWrongAnswerSurge command) {
        if (!clues.contains(command.clueId())) {
            throw conflict("unknown-clue", "this hunt has no clue " + command.clueId());
        }
        apply(new WrongAnswersSurged(huntId, command.clueId(), command.wrongPerMinute()));
    }

    private void requireStatus(HuntStatus expected, String transition) {
        if (status != expected) {
            throw illegalTransition(transition);
        }
    }

    private RuntimeException illegalTransition(String transition) {
        return conflict("illegal-transition", "cannot " + transition + " a hunt that is " + status);
    }

    @EventSourcingHandler
    void on(HuntCreated event) {
        huntId = event.huntId();
        status = HuntStatus.DRAFT;
        organizers.add(event.organizer());
    }

    @EventSourcingHandler
    void on(HuntOrganizerAdded event) {
        organizers.add(event.username());
    }

    @EventSourcingHandler
    void on(HuntOrganizerRemoved event) {
        organizers.remove(event.username());
    }

    @EventSourcingHandler
    void on(ClueAdded event) {
        clues.add(event.clueId());
    }

    @EventSourcingHandler
    void on(ClueRemoved event) {
        clues.remove(event.clueId());
    }

    @EventSourcingHandler
    void on(HuntPublished event) {
        status = HuntStatus.PUBLISHED;
    }

    @EventSourcingHandler
    void on(HuntStarted event) {
        status = HuntStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(HuntEnded event) {
        status = HuntStatus.ENDED;
    }

    @EventSourcingHandler
    void on(ScoreboardFrozen event) {
        frozen = true;
    }
}
