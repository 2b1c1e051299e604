package io.veltrix.command.player;

import io.veltrix.api.find.FindOutcome;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.command.hunt.Hunt;
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

/**
 * What one competitor (a solo player, or a team with all its members) has submitted, and the find
 * rules judged over it: the submission rate limit, the wrong-answer lockout per clue, and whether a
 * correct answer is new. Kept by the aggregate from its own events, so every command-service
 * instance that loads it judges alike; the aggregate turns each {@link Verdict} into its events.
 */
public final class Attempts {

    /** How a submission is judged; the counts say what the event records. */
    public record Verdict(FindOutcome outcome, int points, int wrongInWindow, int wrongBefore, long retryAfterSeconds) {
    }

    private final Set<ClueId> found = new HashSet<>();
    private final Set<ClueId> hintsTaken = new HashSet<>();
    private final Map<ClueId, List<Instant>> wrongAnswers = new HashMap<>();
    /** All wrong answers per clue, for a find's wrongBefore (wrongAnswers keeps only the latest). */
    private final Map<ClueId, Integer> wrongAnswerCount = new HashMap<>();
    private final RecentSubmissions submissions = new RecentSubmissions();

    /** Judges an answer (its keyed hash) for a clue at {@code now}; a 429 when over the rate limit. */
    public Verdict judge(Clue clue, String answerHash, HuntRules rules, Instant now, SubmissionRateLimit rateLimit) {
        rateLimit.checkHistory(submissions, now);
        Duration window = Duration.ofSeconds(rules.lockoutWindowSeconds());
        List<Instant> recentWrong = recentWrongAnswers(clue.clueId(), now.minus(window));
        if (recentWrong.size() >= rules.maxWrongAttempts()) {
            // The clue unlocks when enough of the wrong answers leave the window.
            Instant unlocksAt = recentWrong.get(recentWrong.size() - rules.maxWrongAttempts()).plus(window);
            long retryAfter = Math.max(1, (Duration.between(now, unlocksAt).toMillis() + 999) / 1000);
            return new Verdict(FindOutcome.LOCKED_OUT, 0, 0, 0, retryAfter);
        }
        boolean correct = answerHash != null && clue.answerHashes().contains(answerHash);
        if (!correct) {
            return new Verdict(FindOutcome.WRONG, 0, recentWrong.size() + 1, 0, 0);
        }
        if (found.contains(clue.clueId())) {
            return new Verdict(FindOutcome.ALREADY_FOUND, 0, 0, 0, 0);
        }
        return new Verdict(FindOutcome.FOUND, clue.points(), 0, wrongAnswerCount.getOrDefault(clue.clueId(), 0), 0);
    }

    /** Whether the clue's hint was taken before (a second request costs nothing). */
    public boolean hintTaken(ClueId clueId) {
        return hintsTaken.contains(clueId);
    }

    public void recordFound(ClueId clueId, Instant at) {
        found.add(clueId);
        submissions.add(at);
    }

    /** A submission that changed nothing: a repeated find or a refused attempt. */
    public void recordSubmission(Instant at) {
        submissions.add(at);
    }

    public void recordWrong(ClueId clueId, Instant at) {
        submissions.add(at);
        wrongAnswerCount.merge(clueId, 1, Integer::sum);
        List<Instant> wrong = wrongAnswers.computeIfAbsent(clueId, id -> new ArrayList<>());
        wrong.add(at);
        // Only the latest maxWrongAttempts answers can ever matter for a lockout.
        if (wrong.size() > Hunt.MAX_WRONG_ATTEMPTS) {
            wrong.remove(0);
        }
    }

    public void recordHint(ClueId clueId) {
        hintsTaken.add(clueId);
    }

    private List<Instant> recentWrongAnswers(ClueId clueId, Instant windowStart) {
        return wrongAnswers.getOrDefault(clueId, List.of()).stream().filter(at -> at.isAfter(windowStart)).toList();
    }
}
