package io.veltrix.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The capacity ladder's rules as pure functions: whether a step held the SLO, the next offered
 * rate, the rate that narrows the gap between a held step and a broken one, the capacity at SLO,
 * and how long the recovery after overload took.
 */
final class Ladder {

    private Ladder() {
    }

    /** Finds p99 (corrected) and projection lag p99, in milliseconds. */
    record Slo(double p99Ms, double lagP99Ms) {
    }

    /** One step's figures; a percentile is null when nothing was measured. */
    record Step(double offered, double acceptedPerSecond, long shed, Double p99Ms, Double lagP99Ms, long lagSamples,
                long errors) {
    }

    /** Held, or the reasons it did not. */
    record Verdict(boolean held, List<String> reasons) {
    }

    /** One second of the recovery step: p99 of its answers (null when none), shed and errors in it. */
    record Window(Double p99Ms, long shed, long errors) {
    }

    /**
     * A step holds the SLO with finds p99 and lag p99 within bounds, no error and nothing shed (at
     * SLO the service has room: a shed request is a player turned away). A step without any
     * answer or any lag sample has not shown that it held.
     */
    static Verdict evaluate(Step s, Slo slo) {
        List<String> reasons = new ArrayList<>();
        if (s.p99Ms() == null) {
            reasons.add("no find answered");
        } else if (s.p99Ms() > slo.p99Ms()) {
            reasons.add("finds p99 " + s.p99Ms() + " ms > " + slo.p99Ms() + " ms");
        }
        if (s.lagP99Ms() == null || s.lagSamples() == 0) {
            reasons.add("no lag sample");
        } else if (s.lagP99Ms() > slo.lagP99Ms()) {
            reasons.add("lag p99 " + s.lagP99Ms() + " ms > " + slo.lagP99Ms() + " ms");
        }
        if (s.errors() > 0) {
            reasons.add(s.errors() + " errors");
        }
        if (s.shed() > 0) {
            reasons.add(s.shed() + " shed");
        }
        return new Verdict(reasons.isEmpty(), List.copyOf(reasons));
    }

    /**
     * The rate after {@code current}: {@code current × factor}, rounded, never above {@code max}
     * (the last step runs at {@code max} itself); null once {@code max} has been run.
     */
    static Double nextRate(double current, double factor, double max) {
        if (current >= max) {
            return null;
        }
        return Math.min(max, (double) Math.round(current * factor));
    }

    /** Rates closer than this ratio are not told apart: one run's noise moves a step's p99 about as much. */
    static final double FINEST_RATIO = 1.1;

    /**
     * The rate to try between {@code held} (a step that held the SLO) and {@code broken} (a higher
     * one that broke it): their geometric mean, rounded, so each try halves the ratio left between
     * them; null once they are within {@link #FINEST_RATIO} of each other, or out of order.
     */
    static Double refinedRate(double held, double broken) {
        if (held <= 0 || broken / held <= FINEST_RATIO) {
            return null;
        }
        return (double) Math.round(Math.sqrt(held * broken));
    }

    /** Whether the ladder goes on after a step with this verdict. */
    static boolean goesOn(Verdict verdict, double offered, double factor, double max) {
        return verdict.held() && nextRate(offered, factor, max) != null;
    }

    /** The highest offered rate of a step that held the SLO, or null when none did. */
    static Double capacityAtSlo(List<Step> steps, Slo slo) {
        Double best = null;
        for (Step s : steps) {
            if (evaluate(s, slo).held() && (best == null || s.offered() > best)) {
                best = s.offered();
            }
        }
        return best;
    }

    /** A recovery window is within the SLO when it has answers, p99 within bounds, nothing shed and no error. */
    static boolean withinSlo(Window w, Slo slo) {
        return w.p99Ms() != null && w.p99Ms() <= slo.p99Ms() && w.shed() == 0 && w.errors() == 0;
    }

    /**
     * Seconds from the start of the recovery until every later 1 s window is within the SLO (0:
     * it never left it); null when the last window is still outside, i.e. not recovered.
     */
    static Integer recoverySeconds(List<Window> windows, Slo slo) {
        if (windows.isEmpty() || !withinSlo(windows.get(windows.size() - 1), slo)) {
            return null;
        }
        int lastOutside = -1;
        for (int i = 0; i < windows.size(); i++) {
            if (!withinSlo(windows.get(i), slo)) {
                lastOutside = i;
            }
        }
        return lastOutside + 1;
    }
}
