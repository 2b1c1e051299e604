package io.veltrix.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/** The numbers of the JSON summary as every phase writes them: rounded rates and durations, status tallies. */
final class ReportFigures {

    private ReportFigures() {
    }

    static long count(Map<Integer, LongAdder> statuses, int status) {
        LongAdder a = statuses.get(status);
        return a == null ? 0 : a.sum();
    }

    static Map<String, Long> statusMap(Map<Integer, LongAdder> statuses) {
        Map<String, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(Integer.toString(k), v.sum()));
        return out;
    }

    static Map<String, Long> otherStatuses(Map<Integer, LongAdder> statuses, Set<Integer> expected) {
        Map<String, Long> out = new TreeMap<>();
        statuses.forEach((k, v) -> {
            if (!expected.contains(k)) {
                out.put(Integer.toString(k), v.sum());
            }
        });
        return out;
    }

    static Map<String, Long> adders(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : Math.round(count * 1e10 / nanos) / 10.0;
    }
}
