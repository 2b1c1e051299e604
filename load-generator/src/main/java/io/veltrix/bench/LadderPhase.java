package io.veltrix.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ladder phase: steps of open-loop finds at rising rates until one breaks the SLO; finds the capacity at SLO. */
final class LadderPhase {

    private final LaunchContext context;
    private final Options options;
    private final CostMeter costs;
    /** The highest offered rate of a step that held the SLO; null when none did or before the run. */
    private Double capacityAtSlo;

    LadderPhase(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.costs = context.costs();
    }

    /**
     * Offers {@code --ladder-start} for {@code --ladder-settle} without judging it, then steps the
     * offered find rate up from {@code --ladder-start} by {@code --ladder-factor} every
     * {@code --ladder-step-duration} until a step breaks the SLO or {@code --ladder-max} has run,
     * then narrows the gap between the last step that held and the one that broke ({@link #refine}).
     * No spectators: the ladder measures the command path and the projection lag only.
     */
    Map<String, Object> run() throws Exception {
        context.requirePlayers(FindStep.NO_PLAYERS);
        double settled = awaitPlayersProjected();
        Ladder.Slo slo = context.slo();
        double factor = options.number("ladder-factor");
        if (factor <= 1) {
            throw new IllegalArgumentException("--ladder-factor must be above 1, got " + factor);
        }
        double max = options.number("ladder-max");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("waitedForRegistrationsProjectedSeconds", settled);
        String cappedBy = null;
        if (max > context.playersCanOffer()) {
            max = Math.floor(context.playersCanOffer());
            cappedBy = context.competitors() + " " + context.competitorsNoun() + " at " + options.string("player-rate")
                    + "/s each cannot offer more than " + max + "/s (3/4 of their combined rate, as finds pick "
                    + context.competitorsNoun() + " at random): add " + (context.teamMode() ? "--teams" : "--players");
            System.out.println("  ladder capped at " + max + "/s: " + cappedBy);
        }
        Duration duration = options.duration("ladder-step-duration");
        // the lag probe watches FOUND finds only: a hunt whose clues are nearly all found leaves it blind
        double start = Math.min(options.number("ladder-start"), max);
        Duration settle = options.duration("ladder-settle");
        double planned = start * settle.toNanos() / 1e9 * (1 - options.ratio("wrong-ratio"));
        for (Double r = start; r != null; r = Ladder.nextRate(r, factor, max)) {
            planned += r * duration.toNanos() / 1e9 * (1 - options.ratio("wrong-ratio"));
        }
        double pairs = (double) context.competitors() * context.clues().size();
        if (planned > pairs / 2) {
            String note = "a full ladder sends about " + Math.round(planned) + " correct finds for " + Math.round(pairs)
                    + (context.teamMode() ? " team" : " player") + "-clue pairs: FOUND answers (the lag probe's samples) get scarce in the upper steps; raise --clues";
            out.put("clueNote", note);
            System.out.println("  note: " + note);
        }
        List<Ladder.Step> steps = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        String stopped;
        RawHttp http = new RawHttp("ladder", URI.create(context.commandUrl()), options.integer("find-connections"),
                options.duration("request-timeout"));
        try {
            PlayerPacer pacer = context.newPacer();
            CostMeter.Snapshot snapshot = costs.take();
            if (!settle.isZero()) {
                // the first judged step must not carry the JIT's compilations and the stampede's
                // aftermath (the projections' and the database's background work): on a noisy
                // machine that alone broke it, well below the capacity the next steps showed
                FindStep warm = FindStep.run(context, "settle", http, pacer, start, settle, false, snapshot);
                snapshot = warm.end();
                out.put("settle", warm.report());
            }
            double rate = start;
            Double held = null;
            while (true) {
                FindStep run = FindStep.run(context, "step " + (steps.size() + 1), http, pacer, rate, duration, true,
                        snapshot);
                snapshot = run.end();
                Ladder.Verdict verdict = judge(run, slo, steps, reports);
                if (!verdict.held()) {
                    stopped = "step at " + rate + "/s broke the SLO: " + String.join(", ", verdict.reasons());
                    if (held != null) {
                        refine(held, rate, http, pacer, snapshot, steps, reports, slo, duration, settle);
                    }
                    break;
                }
                held = rate;
                Double next = Ladder.nextRate(rate, factor, max);
                if (next == null) {
                    stopped = "reached the ladder's maximum, " + max + "/s"
                            + (cappedBy != null ? " (capped by the players)" : "");
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
                && ((Number) r.get("offered")).doubleValue() == (capacityAtSlo == null ? -1 : capacityAtSlo))
                .findFirst().orElse(null);
        out.put("cpuMsPerFindAtCapacity", atCapacity == null ? null : atCapacity.get("cpuMsPerFind"));
        out.put("commitsPerFindAtCapacity", atCapacity == null ? null : atCapacity.get("commitsPerFind"));
        out.put("writeTransactionsPerFindAtCapacity", atCapacity == null ? null : atCapacity.get("writeTransactionsPerFind"));
        out.put("stoppedBecause", stopped);
        if (cappedBy != null) {
            out.put("cappedBy", cappedBy);
        }
        out.put("stepSeconds", duration.toMillis() / 1000.0);
        out.put("steps", reports);
        out.put("note", "open-loop finds without spectators, a lag probe per step; steps marked refine narrow the gap"
                + " between the highest rate that held and the lowest that broke; capacityAtSlo = the highest offered rate"
                + " of a step that held the SLO (p99 corrected and lag p99 within bounds, 0 errors, nothing shed)");
        System.out.println("  capacity at SLO: "
                + (capacityAtSlo == null ? "none (the first step broke it)" : capacityAtSlo + "/s"));
        return out;
    }


    /**
     * Up to {@code --ladder-refine} more steps between the highest rate that held and the lowest
     * that broke ({@link Ladder#refinedRate}): the factor's steps alone would name as capacity a
     * rate up to a factor below it. A step after a broken one is preceded by {@code --ladder-settle}
     * at its own rate, not judged, so it is not judged on the broken step's backlog.
     */
    private void refine(double held, double broken, RawHttp http, PlayerPacer pacer, CostMeter.Snapshot snapshot,
                        List<Ladder.Step> steps, List<Map<String, Object>> reports, Ladder.Slo slo, Duration duration,
                        Duration settle) throws Exception {
        boolean afterBroken = true;
        Double rate = Ladder.refinedRate(held, broken);
        for (int left = options.integer("ladder-refine"); left > 0 && rate != null; left--) {
            Map<String, Object> leadIn = null;
            if (afterBroken && !settle.isZero()) {
                FindStep warm = FindStep.run(context, "refine settle", http, pacer, rate, settle, false, snapshot);
                snapshot = warm.end();
                leadIn = warm.report();
            }
            FindStep run = FindStep.run(context, "refine " + (steps.size() + 1), http, pacer, rate, duration, true,
                    snapshot);
            snapshot = run.end();
            run.report().put("refine", true);
            if (leadIn != null) {
                run.report().put("settle", leadIn);
            }
            afterBroken = !judge(run, slo, steps, reports).held();
            if (afterBroken) {
                broken = rate;
            } else {
                held = rate;
            }
            rate = Ladder.refinedRate(held, broken);
        }
    }

    /** Judges a step against the SLO, records the verdict in its report and adds it to the ladder's. */
    private static Ladder.Verdict judge(FindStep run, Ladder.Slo slo, List<Ladder.Step> steps,
                                        List<Map<String, Object>> reports) {
        Ladder.Verdict verdict = Ladder.evaluate(run.step(), slo);
        run.report().put("heldSlo", verdict.held());
        run.report().put("brokenBy", verdict.reasons());
        // second by second: whether a step's p99 comes from a steady tail or from a few bad seconds
        run.report().put("windowP99Ms", run.windows().stream().map(Ladder.Window::p99Ms).toList());
        steps.add(run.step());
        reports.add(run.report());
        return verdict;
    }

    Double capacityAtSlo() {
        return capacityAtSlo;
    }

    /**
     * Waits (at most {@code --check-timeout}) until the query side counts every registered player,
     * so the ladder's first step measures finds, not the projections catching up with the
     * stampede; returns the seconds waited.
     */
    private double awaitPlayersProjected() throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + options.duration("check-timeout").toNanos();
        Http http = new Http("settle", options.duration("request-timeout"), 1);
        try {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> hunt = http.get(context.queryUrl() + "/api/hunts/" + context.huntId(), null);
                if (hunt.statusCode() == 200
                        && Http.parse(hunt.body()).path("players").asInt(-1) >= context.players().size()) {
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
}
