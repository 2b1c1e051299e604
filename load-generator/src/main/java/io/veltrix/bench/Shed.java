package io.veltrix.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the service shed (503/429 + Retry-After): how many, how fast they were answered (a
 * refusal is only useful if it is quick) and which Retry-After they carried. Not errors.
 */
final class Shed {

    private final LongAdder count = new LongAdder();
    private final Latencies answerTime = new Latencies();
    private final Map<String, LongAdder> retryAfter = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    /** One shed answer, {@code answerNanos} after the request was due (open loop) or sent (closed loop). */
    void record(int status, String retryAfterHeader, long answerNanos) {
        count.increment();
        answerTime.recordNanos(answerNanos);
        retryAfter.computeIfAbsent(String.valueOf(retryAfterHeader).trim(), k -> new LongAdder()).increment();
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long count() {
        return count.sum();
    }

    Map<String, Object> answerMs() {
        return answerTime.percentiles();
    }

    Map<String, Object> report(long elapsedNanos, String timedFrom) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", count.sum());
        out.put("perSecond", ReportFigures.perSecond(count.sum(), elapsedNanos));
        out.put("status", ReportFigures.statusMap(statuses));
        out.put("retryAfterSeconds", ReportFigures.adders(retryAfter));
        out.put("answerMs", answerTime.percentiles());
        out.put("note", "answered 503/429 + Retry-After (not errors); answerMs counts from " + timedFrom);
        return out;
    }
}
