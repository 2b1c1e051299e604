package io.veltrix.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The overload phase: finds well above the capacity at SLO, then how long the service takes to recover. */
final class OverloadPhase {

    private final LaunchContext context;
    private final Options options;

    OverloadPhase(LaunchContext context) {
        this.context = context;
        this.options = context.options();
    }

    /**
     * {@code --overload-factor} × the capacity at SLO (or {@code --overload-rate}) for
     * {@code --overload-duration}, then a recovery step at the capacity for
     * {@code --recovery-duration}: how many seconds until every 1 s window's p99 is back within the SLO.
     * {@code capacityAtSlo}: what the ladder found (null when none held it or no ladder ran).
     */
    Map<String, Object> run(Double capacityAtSlo) throws Exception {
        context.requirePlayers(FindStep.NO_PLAYERS);
        Map<String, Object> out = new LinkedHashMap<>();
        String fixed = options.string("overload-rate");
        double base = capacityAtSlo == null ? Double.NaN : capacityAtSlo;
        double rate = !fixed.isBlank() ? options.number("overload-rate")
                : base * options.number("overload-factor");
        if (Double.isNaN(rate)) {
            out.put("skipped", "no capacity at SLO to overload (no ladder step held it) and no --overload-rate");
            System.out.println("  skipped: no capacity at SLO and no --overload-rate");
            return out;
        }
        double recoveryRate = Double.isNaN(base) ? rate / options.number("overload-factor") : base;
        if (rate > context.playersCanOffer()) {
            out.put("note", "the " + context.competitorsNoun() + " cannot offer " + rate
                    + "/s under their pacing: expect skipped finds (errors); add "
                    + (context.teamMode() ? "--teams" : "--players"));
        }
        Ladder.Slo slo = context.slo();
        RawHttp http = new RawHttp("overload", URI.create(context.commandUrl()), options.integer("overload-connections"),
                options.duration("request-timeout"));
        try {
            PlayerPacer pacer = context.newPacer();
            FindStep over = FindStep.run(context, "overload", http, pacer, rate, options.duration("overload-duration"), false,
                    context.costs().take());
            FindStep recovery = FindStep.run(context, "recovery", http, pacer, recoveryRate,
                    options.duration("recovery-duration"), true, over.end());
            Integer seconds = Ladder.recoverySeconds(recovery.windows(), slo);
            out.put("offered", rate);
            out.put("capacityAtSlo", capacityAtSlo);
            out.put("acceptedPerSecond", over.report().get("acceptedPerSecond"));
            out.put("acceptedP99Ms", over.report().get("p99Ms"));
            out.put("shed", over.report().get("shed"));
            out.put("shedPerSecond", over.report().get("shedPerSecond"));
            out.put("shedAnswerP99Ms", over.report().get("shedAnswerP99Ms"));
            out.put("shedAnswerMaxMs", Summary.dig(over.report(), "finds", "shedAnswer", "answerMs", "max"));
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
            System.out.println("  recovery: "
                    + (seconds == null ? "not back within the SLO by the step's end" : seconds + " s"));
        } finally {
            http.close();
        }
        return out;
    }
}
