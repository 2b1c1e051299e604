package io.veltrix.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open-loop step of finds at a rate with its own lag probe, errors and costs, as the ladder and
 * the overload phase run them: its report, its verdict's inputs, its per-second windows (when
 * asked) and the cost snapshot it ended with (where the next step's costs start).
 */
record FindStep(Map<String, Object> report, Ladder.Step step, List<Ladder.Window> windows, CostMeter.Snapshot end) {

    /** Why the phases that run find steps cannot start without the stampede's players. */
    static final String NO_PLAYERS = "no registered players: the ladder and overload phases need the stampede";

    /**
     * Runs the step named {@code name} (in the console line) over {@code http}; with {@code windows},
     * also judged second by second; its costs count from {@code costStart}.
     */
    static FindStep run(LaunchContext context, String name, RawHttp http, PlayerPacer pacer, double rate, Duration duration,
                        boolean windows, CostMeter.Snapshot costStart) throws Exception {
        Errors errors = context.errors();
        CostMeter costs = context.costs();
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
        out.put("writeTransactionsPerFind", cost.get("writeTransactionsPerUnit"));
        out.put("finds", detail);
        out.put("lag", lag);
        out.put("costs", cost);
        System.out.printf("  %-9s offered %7.0f/s  accepted %8.1f/s  shed %6d  p50 %7s ms  p99 %7s ms  lag p99 %7s ms  errors %d%n",
                name, rate, (Double) detail.get("acknowledgedPerSecond"), finds.shed().count(), out.get("p50Ms"), p99, lagP99,
                stepErrors);
        return new FindStep(out, step, windows ? finds.windows() : List.of(), costEnd);
    }
}
