package io.veltrix.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * How soon the lag came back under the SLO after a fault: the lag probe's samples, grouped by the
 * second (after the faulted part served again) in which their find was acknowledged. The lag is
 * back from the first second whose own p99 is within the SLO and from which on the p99 of every
 * sample to the end is too; a drill may require that within a limit ({@code --fault-lag-recovery}).
 */
final class LagRecovery {

    private static final long SECOND = 1_000_000_000L;

    /** Acknowledgement instant and lag of each visible sample, in nanoseconds. */
    private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();

    void record(long ackNanos, long lagNanos) {
        samples.add(new long[] {ackNanos, lagNanos});
    }

    /**
     * The per-second series from {@code servingAgainAt} on and the second from which the lag stayed
     * within {@code slo} (null if none); when {@code limit} is given and that is later, never, or
     * nothing was sampled after the fault, an error.
     */
    Map<String, Object> report(long servingAgainAt, Duration slo, Duration limit, Errors errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sloLagP99Ms", slo.toMillis());
        if (limit != null) {
            out.put("limitSeconds", limit.toMillis() / 1000.0);
        }
        if (servingAgainAt == 0) {
            out.put("note", "the faulted part was not seen serving again");
            if (limit != null) {
                errors.add("lag-recovery-unmeasured", "the faulted part was not seen serving again");
            }
            return out;
        }
        List<List<Long>> seconds = new ArrayList<>();
        for (long[] sample : samples) {
            long after = sample[0] - servingAgainAt;
            if (after < 0) {
                continue;
            }
            int second = (int) (after / SECOND);
            while (seconds.size() <= second) {
                seconds.add(new ArrayList<>());
            }
            seconds.get(second).add(sample[1]);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (int s = 0; s < seconds.size(); s++) {
            List<Long> lags = seconds.get(s);
            if (lags.isEmpty()) {
                continue;
            }
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("second", s);
            window.put("samples", lags.size());
            window.put("p99Ms", Math.round(p99(lags) / 1e5) / 10.0);
            series.add(window);
        }
        out.put("perSecondAfterServingAgain", series);
        if (series.isEmpty()) {
            out.put("note", "no find acknowledged after the faulted part served again was sampled");
            if (limit != null) {
                errors.add("lag-recovery-unmeasured", "no lag sample after the faulted part served again");
            }
            return out;
        }
        Integer back = firstSecondBack(seconds, slo.toNanos());
        out.put("underSloAfterSeconds", back);
        if (back == null) {
            if (limit != null) {
                errors.add("lag-not-recovered", "no second after which the lag p99 stayed within "
                        + slo.toMillis() + " ms to the end");
            }
            return out;
        }
        if (limit != null && back * SECOND > limit.toNanos()) {
            errors.add("lag-not-recovered", "lag p99 over " + slo.toMillis() + " ms until " + back
                    + " s after the faulted part served again (limit " + limit.toSeconds() + " s)");
        }
        return out;
    }

    /**
     * The first second that is itself within the SLO and from which on all samples to the end are
     * too (their p99: at ~10 samples a second, a second's own p99 is its slowest sample, so one
     * collector pause a minute later would otherwise count as "not recovered"); null if none.
     */
    private static Integer firstSecondBack(List<List<Long>> seconds, long slo) {
        List<Long> rest = new ArrayList<>();
        Integer back = null;
        for (int s = seconds.size() - 1; s >= 0; s--) {
            List<Long> lags = seconds.get(s);
            if (lags.isEmpty()) {
                continue;
            }
            rest.addAll(lags);
            if (p99(lags) <= slo && p99(rest) <= slo) {
                back = s;
            }
        }
        return back;
    }

    private static long p99(List<Long> lags) {
        long[] sorted = lags.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }
}
