package io.veltrix.bench;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/** Board reads, open loop, from the intended start like finds. */
final class BoardReads {

    private static final List<String[]> ACCEPT_JSON = List.<String[]>of(new String[] {"Accept", "application/json"});

    private final Errors errors;
    private final RawHttp gets;
    private final String path;
    private final OpenLoopSchedule schedule;
    private final double rate;
    private final Semaphore inFlight;
    private final Latencies corrected = new Latencies();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder ioErrors = new LongAdder();
    private volatile long lastCompletion;
    private long startNanos;
    private long sent;

    private final SendDeadline deadline;
    /** Set when a replay runs during the reads: every answer's board is then read and judged. */
    private BoardIntegrity integrity;

    BoardReads(LaunchContext context, RawHttp gets, double rate, Duration duration) {
        Options options = context.options();
        this.errors = context.errors();
        this.gets = gets;
        this.rate = rate;
        this.path = URI.create(context.queryUrl()).getRawPath() + "/api/hunts/" + context.huntId() + "/leaderboard?limit="
                + options.integer("board-limit");
        this.inFlight = new Semaphore(options.integer("max-in-flight"));
        this.schedule = new OpenLoopSchedule(0, rate, duration.toNanos());
        this.deadline = new SendDeadline(options, errors, "board-reads", duration);
    }

    /** Reads and judges every answer's board from now on (a replay runs during the reads). */
    void judgeIntegrity() {
        integrity = new BoardIntegrity();
    }

    void run(long start) {
        startNanos = start;
        for (long i = 0; i < schedule.count(); i++) {
            long intended = start + schedule.intendedStart(i);
            OpenLoopSchedule.awaitStart(intended);
            if (!deadline.permit(inFlight, start, schedule.count() - i)) {
                break;
            }
            sent++;
            if (integrity == null) {
                gets.get(path).whenComplete((status, failure) -> answered(intended, status, failure));
            } else {
                long floor = integrity.floorAtSend();
                gets.send("GET", path, ACCEPT_JSON, null).whenComplete((response, failure) -> {
                    if (failure == null && response.status() == 200) {
                        integrity.answered(floor, response.rebuilding(), Http.parse(response.body()), errors);
                    }
                    answered(intended, failure == null ? response.status() : null, failure);
                });
            }
        }
        deadline.awaitInFlight(inFlight, start);
    }

    private void answered(long intended, Integer status, Throwable failure) {
        long done = System.nanoTime();
        lastCompletion = done;
        corrected.recordNanos(OpenLoopSchedule.correctedLatency(intended, done));
        if (failure != null) {
            ioErrors.increment();
            errors.add("board-read-io", failure.toString());
        } else {
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status != 200) {
                errors.add("board-read-status", "leaderboard answered " + status);
            }
        }
        inFlight.release();
    }

    Map<String, Object> report() {
        long elapsed = Math.max(1, lastCompletion - startNanos);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetRate", rate);
        out.put("sent", sent);
        out.put("ok200", ReportFigures.count(statuses, 200));
        out.put("okPerSecond", ReportFigures.perSecond(ReportFigures.count(statuses, 200), elapsed));
        out.put("status", ReportFigures.statusMap(statuses));
        out.put("ioErrors", ioErrors.sum());
        deadline.report(out);
        out.put("connectionsOpened", gets.connectionsOpened());
        out.put("latencyMs", corrected.percentiles());
        if (integrity != null) {
            out.put("integrity", integrity.report());
        }
        return out;
    }
}
