package io.veltrix.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Every error of a run, counted by kind, with the first few messages kept as samples. */
final class Errors {

    private static final int SAMPLES = 50;

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final List<String> samples = new ArrayList<>();

    void add(String kind, String message) {
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        synchronized (samples) {
            if (samples.size() < SAMPLES) {
                samples.add(kind + ": " + message);
            }
        }
    }

    long count() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Object> asReport() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count());
        Map<String, Long> kinds = new java.util.TreeMap<>();
        byKind.forEach((k, v) -> kinds.put(k, v.sum()));
        out.put("byKind", kinds);
        synchronized (samples) {
            out.put("samples", List.copyOf(samples));
        }
        return out;
    }
}
