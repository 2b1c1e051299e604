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
 * back when no later second's p99 exceeds the SLO; a drill may require that within a limit
 * ({@code --fault-lag-recovery}).
 */
final class LagRecovery {

    private static final long SECOND = 1_000_000_000L;

    /** Acknowledgement instant and lag of each visible sample, in nanoseconds. */
    private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();

    void record(long ackNanos, long lagNanos) {
        samples.add(new long[] {ackNanos, lagNanos});
    }

    /**
     * The per-second series from {@code servingAgainAt} on and the second after which every p99 was
     * within {@code slo} (null while the last sampled second is still over it); when {@code limit} is
     * given and that is later, never, or nothing was sampled after the fault, an error.
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
        int lastOverSecond = -1;
        int lastSampledSecond = -1;
        for (int s = 0; s < seconds.size(); s++) {
            List<Long> lags = seconds.get(s);
            if (lags.isEmpty()) {
                continue;
            }
            lastSampledSecond = s;
            long p99 = p99(lags);
            if (p99 > slo.toNanos()) {
                lastOverSecond = s;
            }
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("second", s);
            window.put("samples", lags.size());
            window.put("p99Ms", Math.round(p99 / 1e5) / 10.0);
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
        if (lastOverSecond == lastSampledSecond) {
            out.put("underSloAfterSeconds", null);
            if (limit != null) {
                errors.add("lag-not-recovered", "lag p99 still over " + slo.toMillis() + " ms in the last sampled second");
            }
            return out;
        }
        int within = lastOverSecond + 1;
        out.put("underSloAfterSeconds", within);
        if (limit != null && within * SECOND > limit.toNanos()) {
            errors.add("lag-not-recovered", "lag p99 over " + slo.toMillis() + " ms until " + within
                    + " s after the faulted part served again (limit " + limit.toSeconds() + " s)");
        }
        return out;
    }

    private static long p99(List<Long> lags) {
        long[] sorted = lags.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }
}
