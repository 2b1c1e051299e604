package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/** The "launch day" scenario of BENCH.md, phase by phase, against the real HTTP API. */
final class LaunchDay {

    private final LaunchContext context;
    private final Options o;
    private final Errors errors;
    private final Http commands;
    private final String organizer;
    private final String auditor;
    private final String admin;
    private final String commandUrl;
    private final String queryUrl;
    private final String otherCommandUrl;
    private final String otherQueryUrl;
    private String huntId;
    private final List<PublishedClue> clues;
    private final List<RegisteredPlayer> players;
    private final ExpectedBoard expected;
    private final CostMeter costs;

    LaunchDay(Options o, Errors errors, CostMeter costs) {
        this.context = new LaunchContext(o, errors, costs);
        this.o = o;
        this.errors = errors;
        this.costs = costs;
        this.commands = context.commands();
        this.organizer = context.organizer();
        this.auditor = context.auditor();
        this.admin = context.admin();
        this.commandUrl = context.commandUrl();
        this.queryUrl = context.queryUrl();
        this.otherCommandUrl = context.otherCommandUrl();
        this.otherQueryUrl = context.otherQueryUrl();
        this.clues = context.clues();
        this.players = context.players();
        this.expected = context.expected();
    }

    // ---------------------------------------------------------------- setup

    /** One hunt with N clues (known answers, distinct points), published. */
    Map<String, Object> setup() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> hunt = new LinkedHashMap<>();
        hunt.put("name", "launch day " + java.time.Instant.now());
        hunt.put("maxPlayers", o.integer("max-players"));
        hunt.put("firstFinderBonus", o.integer("first-finder-bonus"));
        Integer maxWrong = o.optionalInteger("max-wrong-attempts");
        if (maxWrong != null) {
            hunt.put("maxWrongAttempts", maxWrong);
        }
        HttpResponse<String> created = commands.post(commandUrl + "/api/hunts", organizer, hunt);
        expectStatus(created, 201, "create hunt");
        huntId = Http.parse(created.body()).get("huntId").asText();
        context.huntCreated(huntId);
        for (int i = 0; i < o.integer("clues"); i++) {
            String answer = "answer " + i;
            int points = 10 + i;
            Map<String, Object> clue = new LinkedHashMap<>();
            clue.put("title", "Clue " + i);
            clue.put("riddle", "What is answer number " + i + "?");
            clue.put("answers", List.of(answer));
            clue.put("points", points);
            HttpResponse<String> added = commands.post(commandUrl + "/api/hunts/" + huntId + "/clues", organizer, clue);
            expectStatus(added, 201, "add clue " + i);
            clues.add(new PublishedClue(Http.parse(added.body()).get("clueId").asText(), answer, points));
        }
        expectStatus(commands.post(commandUrl + "/api/hunts/" + huntId + "/publish", organizer, null), 200, "publish");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("huntId", huntId);
        out.put("clues", clues.size());
        out.put("wallMs", (System.nanoTime() - t0) / 1_000_000);
        return out;
    }

    private static void expectStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + response.statusCode()
                    + " " + Http.abbreviate(response.body()));
        }
    }

    // ---------------------------------------------------------------- stampede

    /**
     * All registrations as fast as accepted, with a bounded number in flight (closed loop). A
     * registration the service sheds (503/429 + Retry-After) is sent again once its Retry-After has
     * passed, at most {@code --registration-retries} times, as a player's app would: the stampede's
     * wall time includes those waits, and only the last answer counts towards 201/409.
     */
    Map<String, Object> stampede() throws Exception {
        int total = o.integer("players");
        int retries = o.integer("registration-retries");
        Semaphore inFlight = new Semaphore(o.integer("registration-concurrency"));
        Latencies latency = new Latencies();
        Shed shed = new Shed();
        LongAdder gaveUp = new LongAdder();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder ioErrors = new LongAdder();
        AtomicReferenceArray<RegisteredPlayer> registered = new AtomicReferenceArray<>(total);
        List<CompletableFuture<?>> all = new ArrayList<>(total);
        long wall;
        CostMeter.Snapshot costStart;
        // the load streams' own client: the JDK's HttpClient cost the generator about 1 CPU-ms per
        // registration, a third of the machine during the stampede
        try (RawHttp http = new RawHttp("stampede", URI.create(commandUrl), o.integer("registration-concurrency"),
                o.duration("request-timeout"))) {
            costStart = costs.take();
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i++) {
                inFlight.acquire();
                int index = i;
                String handle = String.format("player-%05d", i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                register(http, index, handle, 0, retries, latency, shed, gaveUp, statuses, ioErrors, registered, done);
                all.add(done.whenComplete((v, failure) -> inFlight.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
            wall = System.nanoTime() - t0;
        }
        CostMeter.Snapshot costEnd = costs.take();
        for (int i = 0; i < total; i++) {
            RegisteredPlayer p = registered.get(i);
            if (p != null) {
                players.add(new RegisteredPlayer(players.size(), p.id(), p.handle(), p.token()));
                expected.registered(p.id());
            }
        }
        long created = ReportFigures.count(statuses, 201);
        long full = ReportFigures.count(statuses, 409);
        int maxPlayers = o.integer("max-players");
        if (created != Math.min(total, maxPlayers)) {
            errors.add("stampede-capacity", created + " registrations accepted, expected exactly " + Math.min(total, maxPlayers));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempted", total);
        out.put("created201", created);
        out.put("rejected409", full);
        out.put("otherStatus", ReportFigures.otherStatuses(statuses, Set.of(201, 409)));
        out.put("ioErrors", ioErrors.sum());
        out.put("wallSeconds", ReportFigures.seconds(wall));
        out.put("registrationsPerSecond", ReportFigures.perSecond(total, wall));
        out.put("shed", shed.count());
        out.put("shedGaveUp", gaveUp.sum());
        out.put("shedAnswer", shed.report(wall, "when it was sent"));
        out.put("latencyMs", latency.percentiles());
        out.put("costs", costs.report(costStart, costEnd, created, "registration"));
        out.put("note", "closed loop, " + o.integer("registration-concurrency") + " in flight: latency is service time, not corrected;"
                + " shed registrations are resent after their Retry-After and left out of latencyMs");
        return out;
    }

    /** One registration, sent again after Retry-After while it is shed and retries are left; completes {@code done}. */
    private void register(RawHttp http, int index, String handle, int attempt, int retries, Latencies latency, Shed shed,
                          LongAdder gaveUp, Map<Integer, LongAdder> statuses, LongAdder ioErrors,
                          AtomicReferenceArray<RegisteredPlayer> registered, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        List<String[]> headers = List.of(new String[] {"Accept", "application/json"},
                new String[] {"Content-Type", "application/json"});
        http.send("POST", "/api/hunts/" + huntId + "/players", headers, Http.jsonBytes(Map.of("handle", handle)))
                .whenComplete((response, failure) -> {
                    long answered = System.nanoTime();
                    try {
                        if (failure != null) {
                            latency.recordNanos(answered - sent);
                            ioErrors.increment();
                            errors.add("stampede-io", failure.toString());
                            done.complete(null);
                            return;
                        }
                        int status = response.status();
                        String retryAfter = response.retryAfter();
                        Answer answer = Answer.classify(status, retryAfter, response.body());
                        if (answer == Answer.SHED) {
                            shed.record(status, retryAfter, answered - sent);
                            if (attempt < retries) {
                                long wait = Answer.retryAfterMillis(retryAfter, System.currentTimeMillis());
                                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(() -> register(http,
                                        index, handle, attempt + 1, retries, latency, shed, gaveUp, statuses, ioErrors,
                                        registered, done));
                                return;
                            }
                            gaveUp.increment();
                            errors.add("stampede-shed-gave-up", handle + " still shed after " + retries + " retries");
                            done.complete(null);
                            return;
                        }
                        latency.recordNanos(answered - sent);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 201) {
                            JsonNode body = Http.parse(response.body());
                            registered.set(index, new RegisteredPlayer(index, body.get("playerId").asText(), handle,
                                    body.get("token").asText()));
                        } else if (status != 409) {
                            errors.add(answer == Answer.SERVER_ERROR ? "stampede-5xx" : "stampede-unexpected-status",
                                    status + " " + Http.abbreviate(response.body()));
                        }
                        done.complete(null);
                    } catch (RuntimeException e) {
                        errors.add("stampede-client", e.toString());
                        done.complete(null);
                    }
                });
    }

    Map<String, Object> start() throws Exception {
        HttpResponse<String> started = commands.post(commandUrl + "/api/hunts/" + huntId + "/start", organizer, null);
        expectStatus(started, 200, "start hunt");
        return Map.of("status", started.statusCode());
    }

    /** Phases that need players but ran without the stampede: register just enough, quietly. */
    void ensurePlayers() throws Exception {
        if (players.isEmpty()) {
            stampede();
        }
    }

    // ---------------------------------------------------------------- finds (+ spectators, lag)

    /** Finds open loop at the target rate; spectators and the lag probe run alongside if asked. */
    Map<String, Map<String, Object>> finds(boolean spectators, boolean lag) throws Exception {
        if (players.isEmpty()) {
            throw new IllegalStateException("no registered players: the finds phase needs the stampede");
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Duration duration = o.duration("duration");
        SseSubscribers sse = null;
        RawHttp boardGets = null;
        if (spectators) {
            String frames = o.string("sse-frames");
            if (!frames.equals("changes") && !frames.equals("boards")) {
                throw new IllegalArgumentException("--sse-frames is changes or boards, got '" + frames + "'");
            }
            // "changes": the whole board once, then what changed (as the big-screen page asks);
            // "boards": every board whole
            sse = new SseSubscribers(URI.create(queryUrl + "/api/hunts/" + huntId + "/leaderboard/stream?changes="
                    + frames.equals("changes")),
                    o.integer("sse-subscribers"), errors);
            long t0 = System.nanoTime();
            sse.start(o.duration("sse-connect-timeout").toNanos());
            System.out.printf("  %d of %d SSE subscribers connected in %.1f s%n", sse.connected(),
                    o.integer("sse-subscribers"), ReportFigures.seconds(System.nanoTime() - t0));
            boardGets = new RawHttp("board", URI.create(queryUrl), o.integer("board-connections"),
                    o.duration("request-timeout"));
        }
        LagProbe probe = lag ? new LagProbe(context) : null;
        RawHttp findHttp = new RawHttp("finds", URI.create(commandUrl), o.integer("find-connections"),
                o.duration("request-timeout"));
        RawHttp otherFindHttp = otherCommandUrl.isEmpty() ? null : new RawHttp("finds-other", URI.create(otherCommandUrl),
                o.integer("find-connections"), o.duration("request-timeout"));
        try {
            FindStream finds = new FindStream(context, findHttp, otherFindHttp, probe, o.integer("rate"), duration, context.newPacer(),
                    false);
            int boardReadRate = o.integer("board-read-rate");
            BoardReads reads = spectators && boardReadRate > 0 ? new BoardReads(context, boardGets, boardReadRate, duration) : null;
            CostMeter.Snapshot costStart = costs.take();
            long start = System.nanoTime() + 50_000_000L;
            Fault fault = new Fault(o, errors);
            if (fault.asked()) {
                fault.schedule(start);
            }
            MidLoadReplay replay = new MidLoadReplay(o, queryUrl, admin, errors);
            if (replay.asked()) {
                if (reads != null) {
                    reads.judgeIntegrity();
                }
                replay.schedule(start);
            }
            Soak soak = new Soak(o, costs.servicePids(), errors, finds::acknowledged);
            if (soak.asked()) {
                if (probe != null) {
                    probe.feed(soak);
                }
                soak.start(start);
            }
            Thread readThread = null;
            if (reads != null) {
                readThread = new Thread(() -> reads.run(start), "board-reads");
                readThread.start();
            }
            finds.run(start);
            if (readThread != null) {
                readThread.join();
            }
            CostMeter.Snapshot costEnd = costs.take();
            Map<String, Object> report = finds.report();
            report.put("costs", costs.report(costStart, costEnd, finds.acknowledged(), "find"));
            out.put("finds", report);
            if (reads != null) {
                out.put("boardReads", reads.report());
            }
            if (probe != null) {
                out.put("lag", probe.finish());
            }
            if (fault.asked()) {
                out.put("fault", fault.report());
                if (probe != null) {
                    String limit = o.string("fault-lag-recovery");
                    out.put("lagRecovery", probe.recovery().report(fault.servingAgainAt(), o.duration("slo-lag-p99"),
                            limit.isBlank() ? null : o.duration("fault-lag-recovery"), errors));
                }
            }
            if (replay.asked()) {
                out.put("midLoadReplay", replay.report());
            }
            if (soak.asked()) {
                out.put("soak", soak.finish());
            }
        } finally {
            findHttp.close();
            if (otherFindHttp != null) {
                otherFindHttp.close();
            }
            if (sse != null) {
                sse.close();
                out.put("sse", sse.report());
            }
            if (boardGets != null) {
                boardGets.close();
            }
        }
        return out;
    }

    /**
     * Waits (at most {@code --check-timeout}) until the query side counts every registered player,
     * so the ladder's first step measures finds, not the projections catching up with the
     * stampede; returns the seconds waited.
     */
    private double awaitPlayersProjected() throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + o.duration("check-timeout").toNanos();
        Http http = new Http("settle", o.duration("request-timeout"), 1);
        try {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> hunt = http.get(queryUrl + "/api/hunts/" + huntId, null);
                if (hunt.statusCode() == 200 && Http.parse(hunt.body()).path("players").asInt(-1) >= players.size()) {
                    break;
                }
                Thread.sleep(100);
            }
        } finally {
            http.close();
        }
        double waited = ReportFigures.seconds(System.nanoTime() - t0);
        System.out.printf("  registrations projected after %.1f s; the ladder starts%n", waited);
        return waited;
    }

    /** The capacity at SLO the ladder found, for the overload phase; null when no step held or no ladder ran. */
    private Double capacityAtSlo;

    /** One open-loop step of finds at {@code rate} with its own lag probe, errors and costs. */
    private record StepRun(Map<String, Object> report, Ladder.Step step, List<Ladder.Window> windows, CostMeter.Snapshot end) {
    }

    private StepRun step(String name, RawHttp http, PlayerPacer pacer, double rate, Duration duration, boolean windows,
                         CostMeter.Snapshot costStart) throws Exception {
        long errorsBefore = errors.count();
        LagProbe probe = new LagProbe(context);
        FindStream finds = new FindStream(context, http, null, probe, rate, duration, pacer, windows);
        finds.run(System.nanoTime() + 20_000_000L);
        Map<String, Object> lag = probe.finish();
        CostMeter.Snapshot costEnd = costs.take();
        Map<String, Object> detail = finds.report();
        Map<String, Object> cost = costs.report(costStart, costEnd, finds.acknowledged(), "find");
        long stepErrors = errors.count() - errorsBefore;
        Double p99 = (Double) finds.corrected().percentiles().get("p99");
        Double lagP99 = (Double) ((Map<?, ?>) lag.get("lagMs")).get("p99");
        long lagSamples = ((Number) lag.get("visible")).longValue();
        Ladder.Step step = new Ladder.Step(rate, (Double) detail.get("acknowledgedPerSecond"), finds.shed().count(), p99,
                lagP99, lagSamples, stepErrors);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offered", rate);
        out.put("acceptedPerSecond", detail.get("acknowledgedPerSecond"));
        out.put("shed", finds.shed().count());
        out.put("shedPerSecond", detail.get("shedPerSecond"));
        out.put("p50Ms", finds.corrected().percentiles().get("p50"));
        out.put("p99Ms", p99);
        out.put("shedAnswerP99Ms", finds.shed().answerMs().get("p99"));
        out.put("lagP99Ms", lagP99);
        out.put("lagSamples", lagSamples);
        out.put("errors", stepErrors);
        out.put("cpuMsPerFind", ((Map<?, ?>) cost.get("cpuMsPerUnit")).get("total"));
        out.put("commitsPerFind", cost.get("commitsPerUnit"));
        out.put("finds", detail);
        out.put("lag", lag);
        out.put("costs", cost);
        System.out.printf("  %-9s offered %7.0f/s  accepted %8.1f/s  shed %6d  p50 %7s ms  p99 %7s ms  lag p99 %7s ms  errors %d%n",
                name, rate, (Double) detail.get("acknowledgedPerSecond"), finds.shed().count(), out.get("p50Ms"), p99, lagP99, stepErrors);
        return new StepRun(out, step, windows ? finds.windows() : List.of(), costEnd);
    }

    /**
     * Steps the offered find rate up from {@code --ladder-start} by {@code --ladder-factor} every
     * {@code --ladder-step-duration} until a step breaks the SLO or {@code --ladder-max} has run.
     * No spectators: the ladder measures the command path and the projection lag only.
     */
    Map<String, Object> ladder() throws Exception {
        requirePlayers();
        double settled = awaitPlayersProjected();
        Ladder.Slo slo = context.slo();
        double factor = Double.parseDouble(o.string("ladder-factor"));
        if (factor <= 1) {
            throw new IllegalArgumentException("--ladder-factor must be above 1, got " + factor);
        }
        double max = Double.parseDouble(o.string("ladder-max"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("waitedForRegistrationsProjectedSeconds", settled);
        String cappedBy = null;
        if (max > context.playersCanOffer()) {
            max = Math.floor(context.playersCanOffer());
            cappedBy = players.size() + " players at " + o.string("player-rate") + "/s each cannot offer more than " + max
                    + "/s (3/4 of their combined rate, as finds pick players at random): add --players";
            System.out.println("  ladder capped at " + max + "/s: " + cappedBy);
        }
        Duration duration = o.duration("ladder-step-duration");
        // the lag probe watches FOUND finds only: a hunt whose clues are nearly all found leaves it blind
        double planned = 0;
        for (Double r = Math.min(Double.parseDouble(o.string("ladder-start")), max); r != null; r = Ladder.nextRate(r, factor, max)) {
            planned += r * duration.toNanos() / 1e9 * (1 - o.ratio("wrong-ratio"));
        }
        double pairs = (double) players.size() * clues.size();
        if (planned > pairs / 2) {
            String note = "a full ladder sends about " + Math.round(planned) + " correct finds for " + Math.round(pairs)
                    + " player-clue pairs: FOUND answers (the lag probe's samples) get scarce in the upper steps; raise --clues";
            out.put("clueNote", note);
            System.out.println("  note: " + note);
        }
        List<Ladder.Step> steps = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        String stopped;
        RawHttp http = new RawHttp("ladder", URI.create(commandUrl), o.integer("find-connections"), o.duration("request-timeout"));
        try {
            PlayerPacer pacer = context.newPacer();
            CostMeter.Snapshot snapshot = costs.take();
            double rate = Math.min(Double.parseDouble(o.string("ladder-start")), max);
            while (true) {
                StepRun run = step("step " + (steps.size() + 1), http, pacer, rate, duration, false, snapshot);
                snapshot = run.end();
                Ladder.Verdict verdict = Ladder.evaluate(run.step(), slo);
                run.report().put("heldSlo", verdict.held());
                run.report().put("brokenBy", verdict.reasons());
                steps.add(run.step());
                reports.add(run.report());
                if (!verdict.held()) {
                    stopped = "step at " + rate + "/s broke the SLO: " + String.join(", ", verdict.reasons());
                    break;
                }
                Double next = Ladder.nextRate(rate, factor, max);
                if (next == null) {
                    stopped = "reached the ladder's maximum, " + max + "/s" + (cappedBy != null ? " (capped by the players)" : "");
                    break;
                }
                rate = next;
            }
        } finally {
            http.close();
        }
        capacityAtSlo = Ladder.capacityAtSlo(steps, slo);
        out.put("slo", Map.of("findsP99Ms", slo.p99Ms(), "lagP99Ms", slo.lagP99Ms(), "errors", 0, "shed", 0));
        out.put("capacityAtSlo", capacityAtSlo);
        Map<String, Object> atCapacity = reports.stream().filter(r -> Boolean.TRUE.equals(r.get("heldSlo"))
                && ((Number) r.get("offered")).doubleValue() == (capacityAtSlo == null ? -1 : capacityAtSlo)).findFirst().orElse(null);
        out.put("cpuMsPerFindAtCapacity", atCapacity == null ? null : atCapacity.get("cpuMsPerFind"));
        out.put("commitsPerFindAtCapacity", atCapacity == null ? null : atCapacity.get("commitsPerFind"));
        out.put("stoppedBecause", stopped);
        if (cappedBy != null) {
            out.put("cappedBy", cappedBy);
        }
        out.put("stepSeconds", duration.toMillis() / 1000.0);
        out.put("steps", reports);
        out.put("note", "open-loop finds without spectators, a lag probe per step; capacityAtSlo = the highest offered rate"
                + " of a step that held the SLO (p99 corrected and lag p99 within bounds, 0 errors, nothing shed)");
        System.out.println("  capacity at SLO: " + (capacityAtSlo == null ? "none (the first step broke it)" : capacityAtSlo + "/s"));
        return out;
    }

    /**
     * {@code --overload-factor} × the capacity at SLO (or {@code --overload-rate}) for
     * {@code --overload-duration}, then a recovery step at the capacity for
     * {@code --recovery-duration}: how many seconds until every 1 s window's p99 is back within the SLO.
     */
    Map<String, Object> overload() throws Exception {
        requirePlayers();
        Map<String, Object> out = new LinkedHashMap<>();
        String fixed = o.string("overload-rate");
        double base = capacityAtSlo == null ? Double.NaN : capacityAtSlo;
        double rate = !fixed.isBlank() ? Double.parseDouble(fixed) : base * Double.parseDouble(o.string("overload-factor"));
        if (Double.isNaN(rate)) {
            out.put("skipped", "no capacity at SLO to overload (no ladder step held it) and no --overload-rate");
            System.out.println("  skipped: no capacity at SLO and no --overload-rate");
            return out;
        }
        double recoveryRate = Double.isNaN(base) ? rate / Double.parseDouble(o.string("overload-factor")) : base;
        if (rate > context.playersCanOffer()) {
            out.put("note", "the players cannot offer " + rate + "/s under their pacing: expect skipped finds (errors); add --players");
        }
        Ladder.Slo slo = context.slo();
        RawHttp http = new RawHttp("overload", URI.create(commandUrl), o.integer("find-connections"), o.duration("request-timeout"));
        try {
            PlayerPacer pacer = context.newPacer();
            StepRun over = step("overload", http, pacer, rate, o.duration("overload-duration"), false, costs.take());
            StepRun recovery = step("recovery", http, pacer, recoveryRate, o.duration("recovery-duration"), true, over.end());
            Integer seconds = Ladder.recoverySeconds(recovery.windows(), slo);
            out.put("offered", rate);
            out.put("capacityAtSlo", capacityAtSlo);
            out.put("acceptedPerSecond", over.report().get("acceptedPerSecond"));
            out.put("acceptedP99Ms", over.report().get("p99Ms"));
            out.put("shed", over.report().get("shed"));
            out.put("shedPerSecond", over.report().get("shedPerSecond"));
            out.put("shedAnswerP99Ms", over.report().get("shedAnswerP99Ms"));
            out.put("shedAnswerMaxMs", dig(over.report(), "finds", "shedAnswer", "answerMs", "max"));
            out.put("errors", over.report().get("errors"));
            out.put("lagP99Ms", over.report().get("lagP99Ms"));
            out.put("recoveryRate", recoveryRate);
            out.put("recoverySeconds", seconds);
            out.put("recoveryWindowP99Ms", recovery.windows().stream().map(Ladder.Window::p99Ms).toList());
            out.put("recoveryWindowShed", recovery.windows().stream().map(Ladder.Window::shed).toList());
            out.put("overloadStep", over.report());
            out.put("recoveryStep", recovery.report());
            out.put("note", "acceptedP99Ms: corrected p99 of the answers that were not shed; recoverySeconds: from the"
                    + " recovery step's start until every later 1 s window (by intended start) has p99 within "
                    + slo.p99Ms() + " ms, nothing shed and no error; null: not back within the step");
            System.out.println("  recovery: " + (seconds == null ? "not back within the SLO by the step's end" : seconds + " s"));
        } finally {
            http.close();
        }
        return out;
    }

    private static Object dig(Map<String, Object> map, String... path) {
        return Summary.dig(map, path);
    }

    private void requirePlayers() {
        if (players.isEmpty()) {
            throw new IllegalStateException("no registered players: the ladder and overload phases need the stampede");
        }
    }

    // ---------------------------------------------------------------- check

    /**
     * The board (live, as organizer) against the acknowledged finds; the same on the other query
     * instance when there is one; then the audit verify if it exists.
     */
    Map<String, Object> check() throws Exception {
        Http http = new Http("check", o.duration("request-timeout"), 1);
        try {
            Map<String, Object> out = compareBoard(http, queryUrl, "check-board");
            if (!otherQueryUrl.isEmpty()) {
                out.put("otherInstance", compareBoard(http, otherQueryUrl, "check-other-board"));
            }
            out.put("audit", auditVerify(http));
            return out;
        } finally {
            http.close();
        }
    }

    private Map<String, Object> compareBoard(Http http, String baseUrl, String errorKind) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        long deadline = System.nanoTime() + o.duration("check-timeout").toNanos();
        long t0 = System.nanoTime();
        ExpectedBoard.Comparison comparison = null;
        int lines = 0;
        String unavailable = null;
        int attempts = 0;
        while (true) {
            attempts++;
            List<ExpectedBoard.Line> board = new ArrayList<>();
            unavailable = readBoard(http, baseUrl, board);
            if (unavailable != null) {
                break;
            }
            lines = board.size();
            comparison = expected.compare(board);
            if (comparison.differences().isEmpty() && comparison.uncertain().isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500); // the projection may still be catching up
        }
        out.put("expectedPlayers", expected.players());
        if (unavailable != null) {
            out.put("boardAvailable", false);
            out.put("note", unavailable);
            errors.add(errorKind + "-unavailable", unavailable);
        } else {
            out.put("boardAvailable", true);
            out.put("boardLines", lines);
            out.put("attempts", attempts);
            out.put("secondsUntilConsistent", comparison.differences().isEmpty() ? ReportFigures.seconds(System.nanoTime() - t0) : null);
            out.put("matched", comparison.matched());
            out.put("registeredWithoutScoreNotListed", comparison.missingWithoutScore());
            out.put("differenceCount", comparison.differences().size());
            out.put("differences", comparison.differences().stream().limit(50).toList());
            out.put("uncertainDifferenceCount", comparison.uncertain().size());
            out.put("uncertainDifferences", comparison.uncertain().stream().limit(20).toList());
            for (String d : comparison.differences()) {
                errors.add(errorKind + "-differs", d);
            }
        }
        return out;
    }

    /** Reads the whole board page by page into {@code into}; returns why it could not, or null. */
    private String readBoard(Http http, String baseUrl, List<ExpectedBoard.Line> into) throws Exception {
        int page = o.integer("board-page-size");
        for (int offset = 0; ; offset += page) {
            HttpResponse<String> response;
            try {
                response = http.get(baseUrl + "/api/hunts/" + huntId + "/leaderboard?limit=" + page + "&offset=" + offset, organizer);
            } catch (java.io.IOException e) {
                return "leaderboard not reachable: " + e;
            }
            if (response.statusCode() != 200) {
                return "leaderboard answered " + response.statusCode() + " " + Http.abbreviate(response.body());
            }
            JsonNode lines = Http.parse(response.body());
            for (JsonNode line : lines) {
                into.add(new ExpectedBoard.Line(line.path("playerId").asText(), line.path("score").asInt(),
                        line.path("cluesFound").asInt()));
            }
            if (lines.size() < page) {
                return null;
            }
        }
    }

    private Map<String, Object> auditVerify(Http http) throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.get(queryUrl + "/api/audit/hunts/" + huntId + "/verify", auditor);
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                out.put("available", false);
                out.put("note", "audit verify endpoint not available (" + response.statusCode() + ")");
                return out;
            }
            out.put("available", true);
            out.put("status", response.statusCode());
            if (response.statusCode() != 200) {
                errors.add("audit-verify-status", response.statusCode() + " " + Http.abbreviate(response.body()));
                return out;
            }
            JsonNode verify = Http.parse(response.body());
            out.put("result", Http.JSON.convertValue(verify, Map.class));
            if (!verify.path("boardMatchesReplay").asBoolean(false)) {
                errors.add("audit-board-differs-from-replay", Http.abbreviate(verify.path("differences").toString()));
            }
            if (!verify.path("chainsIntact").asBoolean(false)) {
                errors.add("audit-chain-broken", Http.abbreviate(verify.path("brokenLinks").toString()));
            }
        } catch (java.io.IOException e) {
            out.put("available", false);
            out.put("note", "query service not reachable: " + e);
        }
        return out;
    }

    // ---------------------------------------------------------------- replay

    /** Rebuilds a projection from event 0 through the admin endpoint, if there is one, and reports events/s. */
    Map<String, Object> replay() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        String name = o.string("replay-projection");
        String base = queryUrl + "/api/admin/projections/" + name;
        Http http = new Http("replay", o.duration("request-timeout"), 1);
        try {
            HttpResponse<String> status;
            try {
                status = http.get(base + "/status", admin);
            } catch (java.io.IOException e) {
                out.put("available", false);
                out.put("note", "query service not reachable: " + e);
                return out;
            }
            if (status.statusCode() == 404 || status.statusCode() == 405) {
                out.put("available", false);
                out.put("note", "replay endpoint not available (" + status.statusCode() + ")");
                System.out.println("  replay endpoint not available");
                return out;
            }
            out.put("available", true);
            out.put("seedEventsRequested", o.longValue("seed-events"));
            out.put("seeding", "the replay runs over the events in the store; the seed phase (--phases seed,replay)"
                    + " adds --seed-events events first");
            out.put("waitedForCatchUpSeconds", awaitCaughtUp(http));
            long t0 = System.nanoTime();
            HttpResponse<String> started = http.post(base + "/replay", admin, null);
            if (started.statusCode() / 100 != 2) {
                errors.add("replay-start", started.statusCode() + " " + Http.abbreviate(started.body()));
                out.put("startStatus", started.statusCode());
                return out;
            }
            long deadline = t0 + o.duration("replay-timeout").toNanos();
            JsonNode last = null;
            boolean sawReplaying = false;
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                HttpResponse<String> s = http.get(base + "/status", admin);
                if (s.statusCode() != 200) {
                    continue;
                }
                last = Http.parse(s.body());
                String state = last.path("state").asText();
                if ("REPLAYING".equals(state)) {
                    sawReplaying = true;
                } else if ("CAUGHT_UP".equals(state) && (sawReplaying || last.path("processed").asLong() > 0)) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - t0;
            long processed = last == null ? 0 : last.path("processed").asLong();
            out.put("processed", processed);
            out.put("seconds", ReportFigures.seconds(elapsed));
            out.put("eventsPerSecond", ReportFigures.perSecond(processed, elapsed));
            out.put("lastStatus", last == null ? null : Http.JSON.convertValue(last, Map.class));
            if (last == null || !"CAUGHT_UP".equals(last.path("state").asText())) {
                errors.add("replay-timeout", "projection " + name + " not caught up after " + o.string("replay-timeout"));
            }
        } finally {
            http.close();
        }
        return out;
    }

    /**
     * Waits (up to --replay-timeout) until the projections have worked through what is in the
     * store, seeded events included, so the replay is measured alone rather than beside their
     * catch-up. Returns the seconds waited.
     */
    private double awaitCaughtUp(Http http) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + o.duration("replay-timeout").toNanos();
        for (String projection : List.of("leaderboard", "player-view", "hunt-summary")) {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> s = http.get(queryUrl + "/api/admin/projections/" + projection + "/status", admin);
                if (s.statusCode() != 200) {
                    break;
                }
                // "caught up" alone is stale right after a seed (nothing told the processors yet):
                // wait until every segment's position reaches the store's head
                JsonNode status = Http.parse(s.body());
                if (status.path("processed").asLong() >= status.path("total").asLong()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        double waited = ReportFigures.seconds(System.nanoTime() - t0);
        System.out.printf("  projections caught up with the store after %.1f s; replay starts%n", waited);
        return waited;
    }

    void close() {
        context.close();
    }
}
