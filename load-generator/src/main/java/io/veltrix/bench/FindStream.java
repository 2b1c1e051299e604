package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The open-loop find submissions: the schedule, the picks of player, clue and answer, the tries
 * with their retries, and the tallies they fill. Longer than most files here because the send path
 * and its tallies belong together: apart, every counter would be shared across files.
 */
final class FindStream {

    /** A find acknowledged with 200, kept so a later duplicate can be checked against it. */
    private record Acked(RegisteredPlayer player, PublishedClue clue, String answer, String key, String outcome, int points) {
    }

    // what the run shares, held here so the send path reads its own fields
    private final Errors errors;
    private final Random random;
    private final List<RegisteredPlayer> players;
    private final List<PublishedClue> clues;
    private final ExpectedBoard expected;

    private final RawHttp http;
    private final String path;
    /** A second instance (or null): finds alternate between the two, and a resent one goes to the other. */
    private final RawHttp other;
    private final AtomicLong firstTries = new AtomicLong();
    private final LagProbe probe;
    private final OpenLoopSchedule schedule;
    private final double rate;
    private final Semaphore inFlight;
    private final PlayerPacer pacer;
    private final double wrongRatio;
    private final double duplicateRatio;
    private final double lagSampleRate;
    private final Latencies corrected = new Latencies();
    private final Latencies serviceTime = new Latencies();
    private final Latencies connectionWait = new Latencies();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder lockedOut = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder duplicatesSent = new LongAdder();
    private final LongAdder duplicatesMatched = new LongAdder();
    private final LongAdder duplicatesMismatched = new LongAdder();
    private final LongAdder noPlayerFree = new LongAdder();
    private final LongAdder lateStarts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder retriedFinds = new LongAdder();
    private final LongAdder answeredAfterRetry = new LongAdder();
    // the tries that were sent again: what each got ("io" for no answer), and how long the
    // service took to answer the ones it answered (503 + Retry-After while a part is down),
    // from the request's hand-over to a connection
    private final Map<String, LongAdder> unansweredTries = new ConcurrentHashMap<>();
    private final Latencies refusedTryTime = new Latencies();
    private final long retryUntilAnsweredNanos;
    private final Shed shed = new Shed();
    // recent acknowledged finds, the pool duplicates are drawn from
    private final AtomicReferenceArray<Acked> recent = new AtomicReferenceArray<>(1024);
    private final AtomicInteger recentNext = new AtomicInteger();
    private volatile long lastCompletion;
    private long startNanos;
    private long sent;
    private final SendDeadline deadline;

    /** Per second of the schedule (by intended start), when asked: the windows of the ladder's and the recovery step. */
    private final Latencies[] windowLatency;
    private final LongAdder[] windowShed;
    private final LongAdder[] windowErrors;

    /**
     * Finds at {@code rate} for {@code duration} over {@code http} (and {@code other}, when not
     * null), watched by {@code probe} (or not, when null); with {@code windows}, also judged second
     * by second.
     */
    FindStream(LaunchContext context, RawHttp http, RawHttp other, LagProbe probe, double rate, Duration duration,
               PlayerPacer pacer, boolean windows) {
        Options options = context.options();
        this.errors = context.errors();
        this.random = context.random();
        this.players = context.players();
        this.clues = context.clues();
        this.expected = context.expected();
        this.http = http;
        this.path = URI.create(context.commandUrl()).getRawPath() + "/api/hunts/" + context.huntId() + "/finds";
        this.other = other;
        this.probe = probe;
        this.rate = rate;
        this.inFlight = new Semaphore(options.integer("max-in-flight"));
        this.wrongRatio = options.ratio("wrong-ratio");
        this.duplicateRatio = options.ratio("duplicate-ratio");
        this.lagSampleRate = options.ratio("lag-sample-rate");
        this.retryUntilAnsweredNanos = options.duration("retry-until-answered").toNanos();
        this.schedule = new OpenLoopSchedule(0, rate, duration.toNanos());
        this.deadline = new SendDeadline(options, errors, "finds", duration);
        this.pacer = pacer;
        int seconds = windows ? (int) Math.ceil(duration.toNanos() / 1e9) : 0;
        windowLatency = new Latencies[seconds];
        windowShed = new LongAdder[seconds];
        windowErrors = new LongAdder[seconds];
        for (int i = 0; i < seconds; i++) {
            windowLatency[i] = new Latencies();
            windowShed[i] = new LongAdder();
            windowErrors[i] = new LongAdder();
        }
    }

    private int window(long intended) {
        if (windowLatency.length == 0) {
            return -1;
        }
        return (int) Math.min(windowLatency.length - 1, Math.max(0, (intended - startNanos) / 1_000_000_000L));
    }

    List<Ladder.Window> windows() {
        List<Ladder.Window> out = new ArrayList<>();
        for (int i = 0; i < windowLatency.length; i++) {
            Histogram h = windowLatency[i].snapshot();
            Double p99 = h.getTotalCount() == 0 ? null : (Double) Latencies.percentiles(h).get("p99");
            out.add(new Ladder.Window(p99, windowShed[i].sum(), windowErrors[i].sum()));
        }
        return out;
    }

    void run(long start) {
        startNanos = start;
        for (long i = 0; i < schedule.count(); i++) {
            long intended = start + schedule.intendedStart(i);
            if (OpenLoopSchedule.awaitStart(intended) > 10_000_000L) {
                lateStarts.increment();
            }
            if (!deadline.permit(inFlight, start, schedule.count() - i)) {
                break;
            }
            CompletableFuture<?> f = submitOne(intended);
            if (f == null) {
                inFlight.release();
            } else {
                sent++;
            }
        }
        deadline.awaitInFlight(inFlight, start);
    }

    private CompletableFuture<?> submitOne(long intended) {
        long now = System.nanoTime();
        if (random.nextDouble() < duplicateRatio) {
            int filled = Math.min(recentNext.get(), recent.length());
            if (filled > 0) {
                Acked original = recent.get(random.nextInt(filled));
                if (original != null && pacer.tryAcquire(original.player().paceKey(), now)) {
                    duplicatesSent.increment();
                    return send(intended, original.player(), original.clue(), original.answer(), original.key(), original);
                }
            }
        }
        RegisteredPlayer player = null;
        for (int tries = 0; tries < 32; tries++) {
            RegisteredPlayer candidate = players.get(random.nextInt(players.size()));
            if (pacer.tryAcquire(candidate.paceKey(), now)) {
                player = candidate;
                break;
            }
        }
        if (player == null) {
            noPlayerFree.increment();
            errors.add("finds-no-player-under-rate-limit", "too few players for the rate: a scheduled find was skipped");
            return null;
        }
        PublishedClue clue = clues.get(random.nextInt(clues.size()));
        String answer = random.nextDouble() < wrongRatio ? "wrong " + random.nextInt(1_000_000) : clue.answer();
        return send(intended, player, clue, answer, UUID.randomUUID().toString(), null);
    }

    private CompletableFuture<?> send(long intended, RegisteredPlayer player, PublishedClue clue, String answer, String key,
                                      Acked original) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        boolean toOther = other != null && (firstTries.getAndIncrement() & 1) == 1;
        attempt(intended, player, clue, answer, key, original, System.nanoTime() + retryUntilAnsweredNanos, false,
                toOther, answered);
        return answered;
    }

    /**
     * One try of a find; with {@code --retry-until-answered}, a try that got no answer (an I/O
     * error, a 5xx, a shed 503/429) is sent again with the same Idempotency-Key after its
     * Retry-After (or 250 ms) until {@code giveUpAt}, as a player's app would while a service
     * restarts. The in-flight permit is held until the last try.
     */
    private void attempt(long intended, RegisteredPlayer player, PublishedClue clue, String answer, String key, Acked original,
                         long giveUpAt, boolean retried, boolean toOther, CompletableFuture<Void> answered) {
        long sentAt = System.nanoTime();
        List<String[]> headers = List.of(new String[] {"Accept", "application/json"},
                new String[] {"Authorization", "Bearer " + player.token()}, new String[] {"Idempotency-Key", key},
                new String[] {"Content-Type", "application/json"});
        (toOther ? other : http).send("POST", path, headers, Http.jsonBytes(Map.of("clueId", clue.id(), "answer", answer)))
                .whenComplete((response, failure) -> {
                    long done = System.nanoTime();
                    boolean last = true;
                    try {
                        lastCompletion = done;
                        Answer kind = failure == null
                                ? Answer.classify(response.status(), response.retryAfter(), response.body()) : null;
                        boolean unanswered = failure != null || response.status() >= 500 || kind == Answer.SHED;
                        if (unanswered && retryUntilAnsweredNanos > 0 && done < giveUpAt) {
                            last = false;
                            retries.increment();
                            String got = failure != null ? "io" : Integer.toString(response.status());
                            unansweredTries.computeIfAbsent(got, g -> new LongAdder()).increment();
                            if (failure == null) {
                                refusedTryTime.recordNanos(response.answerNanos());
                            }
                            if (failure == null && response.status() >= 500 && response.status() != 503) {
                                // an outage must be answered with 503 + Retry-After, never an error
                                errors.add("finds-" + response.status() + "-while-retrying", key);
                            }
                            if (!retried) {
                                retriedFinds.increment();
                            }
                            long pauseMillis = failure == null && response.retryAfter() != null
                                    ? Math.min(2000, Answer.retryAfterMillis(response.retryAfter(), System.currentTimeMillis()))
                                    : 250;
                            CompletableFuture.delayedExecutor(Math.max(50, pauseMillis), TimeUnit.MILLISECONDS)
                                    .execute(() -> attempt(intended, player, clue, answer, key, original, giveUpAt,
                                            true, other != null && !toOther, answered));
                            return;
                        }
                        if (retried && !unanswered) {
                            answeredAfterRetry.increment();
                        }
                        if (kind == Answer.SHED) {
                            // kept out of the accepted finds' latencies, and never resent: the
                            // player gave up on this find (Retry-After is at least a second)
                            shed.record(response.status(), response.retryAfter(),
                                    OpenLoopSchedule.correctedLatency(intended, done));
                            int w = window(intended);
                            if (w >= 0) {
                                windowShed[w].increment();
                            }
                            return;
                        }
                        corrected.recordNanos(OpenLoopSchedule.correctedLatency(intended, done));
                        if (failure == null) {
                            // a find beyond --find-connections waits in this client for a free one:
                            // that wait is the generator's queue, not the service's
                            long answerNanos = response.answerNanos();
                            serviceTime.recordNanos(answerNanos);
                            connectionWait.recordNanos(Math.max(0, done - sentAt - answerNanos));
                        }
                        int w = window(intended);
                        if (w >= 0) {
                            windowLatency[w].recordNanos(OpenLoopSchedule.correctedLatency(intended, done));
                            if (failure != null || response.status() >= 500 || kind == Answer.UNEXPECTED) {
                                windowErrors[w].increment();
                            }
                        }
                        if (failure != null) {
                            ioErrors.increment();
                            expected.uncertain(player.competitor());
                            errors.add("finds-io", failure.toString());
                        } else {
                            completed(response, player, clue, answer, key, original, done);
                        }
                    } finally {
                        if (last) {
                            inFlight.release(); // last: the phase ends when every permit is back
                            answered.complete(null);
                        }
                    }
                });
    }

    private void completed(RawHttp.Response response, RegisteredPlayer player, PublishedClue clue, String answer, String key,
                           Acked original, long done) {
        int status = response.status();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (status == 200) {
            JsonNode body = Http.parse(response.body());
            String outcome = body.path("outcome").asText();
            int points = body.path("points").asInt();
            if (original != null) {
                if (outcome.equals(original.outcome()) && points == original.points()) {
                    duplicatesMatched.increment();
                } else {
                    duplicatesMismatched.increment();
                    errors.add("finds-duplicate-mismatch", "retry with key " + key + " answered " + outcome + "/" + points
                            + ", first answer was " + original.outcome() + "/" + original.points());
                }
                return;
            }
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            recent.set(recentNext.getAndIncrement() % recent.length(),
                    new Acked(player, clue, answer, key, outcome, points));
            if ("FOUND".equals(outcome)) {
                expected.found(player.competitor(), clue.id(), points);
                if (probe != null && ThreadLocalRandom.current().nextDouble() < lagSampleRate) {
                    probe.watch(player, expected.score(player.competitor()), done);
                }
            }
        } else {
            switch (Answer.classify(status, response.retryAfter(), response.body())) {
                case LOCKED_OUT -> lockedOut.increment();
                case RATE_LIMITED -> rateLimited.increment();
                case SERVER_ERROR -> {
                    expected.uncertain(player.competitor());
                    errors.add("finds-5xx", status + " " + Http.abbreviate(response.body()));
                }
                default -> errors.add("finds-unexpected-status", status + " " + Http.abbreviate(response.body()));
            }
        }
    }

    /** The accepted finds' latencies, from each one's intended start. */
    Latencies corrected() {
        return corrected;
    }

    Shed shed() {
        return shed;
    }

    long acknowledged() {
        return ReportFigures.count(statuses, 200);
    }

    Map<String, Object> report() {
        long elapsed = Math.max(1, lastCompletion - startNanos);
        long ok = ReportFigures.count(statuses, 200);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetRate", rate);
        out.put("scheduled", schedule.count());
        out.put("sent", sent);
        deadline.report(out);
        out.put("durationSeconds", ReportFigures.seconds(elapsed));
        out.put("sentPerSecond", ReportFigures.perSecond(sent, elapsed));
        out.put("acknowledged200", ok);
        out.put("acknowledgedPerSecond", ReportFigures.perSecond(ok, elapsed));
        out.put("outcomes", ReportFigures.adders(outcomes));
        out.put("status", ReportFigures.statusMap(statuses));
        out.put("rateLimited429", rateLimited.sum());
        out.put("lockedOut429", lockedOut.sum());
        out.put("ioErrors", ioErrors.sum());
        out.put("duplicatesSent", duplicatesSent.sum());
        out.put("duplicatesMatched", duplicatesMatched.sum());
        out.put("duplicatesMismatched", duplicatesMismatched.sum());
        out.put("skippedNoPlayerUnderRateLimit", noPlayerFree.sum());
        out.put("lateStartsOver10ms", lateStarts.sum());
        if (retryUntilAnsweredNanos > 0) {
            out.put("retriedFinds", retriedFinds.sum());
            out.put("retries", retries.sum());
            out.put("answeredAfterRetry", answeredAfterRetry.sum());
            Map<String, Long> tries = new TreeMap<>();
            unansweredTries.forEach((got, count) -> tries.put(got, count.sum()));
            out.put("unansweredTries", tries);
            out.put("refusedTryMs", refusedTryTime.percentiles());
        }
        out.put("shed", shed.count());
        out.put("shedPerSecond", ReportFigures.perSecond(shed.count(), elapsed));
        out.put("shedAnswer", shed.report(elapsed, "each request's intended start"));
        out.put("latencyMs", corrected.percentiles());
        out.put("serviceTimeMs", serviceTime.percentiles());
        out.put("connectionWaitMs", connectionWait.percentiles());
        out.put("note", "latencyMs counts from each request's intended start (coordinated omission corrected); "
                + "serviceTimeMs from when it was written to a connection to its answer; connectionWaitMs is "
                + "the time it waited in the generator for one of the --find-connections first (the client's "
                + "queue, not the service's); all three leave out shed finds (503/429 + Retry-After, see "
                + "shedAnswer), which are never resent: that player gave up on that find");
        return out;
    }
}
