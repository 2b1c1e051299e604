package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the board-stream subscribers received, whichever client carried it: for every board
 * version, when each subscriber got it relative to the first subscriber that did ("fan-out"), and
 * once per version how old the newest score on it was when it arrived ("freshness", an upper bound
 * of projection-to-subscriber time, on the same machine's clock). Each stream's first frame is
 * the snapshot sent on subscribe, not a board change, and is counted apart. Safe to call from any
 * number of threads.
 */
final class BoardFrames {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(-?\\d+)");

    private final Errors errors;
    private final LongAdder frames = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final Latencies fanout = new Latencies();
    private final Latencies freshness = new Latencies();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();

    BoardFrames(Errors errors) {
        this.errors = errors;
    }

    /** One frame, arrived at {@code nowNanos}; {@code first}: the stream's first, the snapshot. */
    void received(SseParser.Event event, boolean first, long nowNanos) {
        frames.increment();
        if (first) {
            snapshots.increment();
            return;
        }
        Matcher m = VERSION.matcher(event.data());
        String version = m.find() ? m.group(1) : Integer.toHexString(event.data().hashCode());
        Long earlier = firstArrival.putIfAbsent(version, nowNanos);
        if (earlier == null) {
            fanout.recordNanos(0);
            freshness(event.data());
        } else {
            fanout.recordNanos(nowNanos - earlier);
        }
    }

    /** Frames received, snapshots included. */
    long frames() {
        return frames.sum();
    }

    /** Age of the newest {@code lastScoredAt} on the board when the first subscriber got it. */
    private void freshness(String data) {
        try {
            JsonNode root = Http.JSON.readTree(data);
            // a whole board ("board") or the lines that changed ("change": {at, line} each)
            List<JsonNode> lines = new ArrayList<>();
            if (root.has("lines")) {
                root.path("lines").forEach(changed -> lines.add(changed.path("line")));
            } else {
                root.path("board").forEach(lines::add);
            }
            Instant newest = null;
            for (JsonNode line : lines) {
                JsonNode at = line.get("lastScoredAt");
                if (at != null && at.isTextual()) {
                    Instant t = Instant.parse(at.asText());
                    if (newest == null || t.isAfter(newest)) {
                        newest = t;
                    }
                }
            }
            if (newest != null) {
                long ageNanos = (Instant.now().toEpochMilli() - newest.toEpochMilli()) * 1_000_000L;
                freshness.recordNanos(ageNanos);
            }
        } catch (IOException | RuntimeException e) {
            errors.add("sse-data", "board event is not the expected JSON: " + e);
        }
    }

    /** The frames' part of a subscribers' report. */
    Map<String, Object> report() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", frames.sum());
        out.put("initialSnapshots", snapshots.sum());
        out.put("boardVersionsSeen", firstArrival.size());
        out.put("fanoutMs", fanout.percentiles());
        out.put("freshnessMs", freshness.percentiles());
        return out;
    }
}
