package io.veltrix.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** A latency distribution in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes). */
final class Latencies {

    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    /** All values recorded so far (thread-safe against concurrent recording). */
    synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    /** p50/p90/p99/p999/max in milliseconds, plus count and mean; empty histograms give count 0 only. */
    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", h.getTotalCount());
        if (h.getTotalCount() == 0) {
            return out;
        }
        out.put("p50", millis(h.getValueAtPercentile(50)));
        out.put("p90", millis(h.getValueAtPercentile(90)));
        out.put("p99", millis(h.getValueAtPercentile(99)));
        out.put("p999", millis(h.getValueAtPercentile(99.9)));
        out.put("max", millis(h.getMaxValue()));
        out.put("mean", millis(Math.round(h.getMean())));
        return out;
    }

    Map<String, Object> percentiles() {
        return percentiles(snapshot());
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
