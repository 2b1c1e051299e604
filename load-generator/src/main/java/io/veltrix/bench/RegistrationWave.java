package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * One wave of a stampede: requests that each create something (a player, a team, a member) sent
 * as fast as they are accepted, with a bounded number in flight (closed loop). A request the
 * service sheds (503/429 + Retry-After) is sent again once its Retry-After has passed, at most
 * {@code retries} times, as a player's app would: the wave's wall time includes those waits, and
 * only the last answer counts towards 201/409.
 */
final class RegistrationWave {

    /** A POST of {@code body} to {@code path}; {@code created} is handed the 201's body. */
    record Request(String path, Map<String, Object> body, Consumer<JsonNode> created) {
    }

    private final String errorPrefix;
    private final Errors errors;
    private final int retries;
    private final Latencies latency = new Latencies();
    private final Shed shed = new Shed();
    private final LongAdder gaveUp = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder ioErrors = new LongAdder();
    private int attempted;
    private long wallNanos;

    /** Its errors are counted under {@code errorPrefix}-io, -5xx, -shed-gave-up, ... */
    RegistrationWave(String errorPrefix, Errors errors, int retries) {
        this.errorPrefix = errorPrefix;
        this.errors = errors;
        this.retries = retries;
    }

    /** Sends every request over {@code http}, at most {@code concurrency} at a time; returns when all are answered. */
    void run(RawHttp http, int concurrency, List<Request> requests) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> all = new ArrayList<>(requests.size());
        long t0 = System.nanoTime();
        for (Request request : requests) {
            inFlight.acquire();
            CompletableFuture<Void> done = new CompletableFuture<>();
            send(http, request, 0, done);
            all.add(done.whenComplete((v, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
        wallNanos = System.nanoTime() - t0;
        attempted = requests.size();
    }

    long created() {
        return ReportFigures.count(statuses, 201);
    }

    long rejected() {
        return ReportFigures.count(statuses, 409);
    }

    long wallNanos() {
        return wallNanos;
    }

    long shed() {
        return shed.count();
    }

    /** The answered requests' latencies (shed tries left out). */
    Histogram latencies() {
        return latency.snapshot();
    }

    /** What the wave sent and got; rates per {@code unit} ("registrations", "teams", "joins"). */
    Map<String, Object> report(String unit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempted", attempted);
        out.put("created201", created());
        out.put("rejected409", rejected());
        out.put("otherStatus", ReportFigures.otherStatuses(statuses, Set.of(201, 409)));
        out.put("ioErrors", ioErrors.sum());
        out.put("wallSeconds", ReportFigures.seconds(wallNanos));
        out.put(unit + "PerSecond", ReportFigures.perSecond(attempted, wallNanos));
        out.put("shed", shed.count());
        out.put("shedGaveUp", gaveUp.sum());
        out.put("shedAnswer", shed.report(wallNanos, "when it was sent"));
        out.put("latencyMs", latency.percentiles());
        return out;
    }

    private void send(RawHttp http, Request request, int attempt, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        List<String[]> headers = List.of(new String[] {"Accept", "application/json"},
                new String[] {"Content-Type", "application/json"});
        http.send("POST", request.path(), headers, Http.jsonBytes(request.body()))
                .whenComplete((response, failure) -> {
                    long answered = System.nanoTime();
                    try {
                        if (failure != null) {
                            latency.recordNanos(answered - sent);
                            ioErrors.increment();
                            errors.add(errorPrefix + "-io", failure.toString());
                            done.complete(null);
                            return;
                        }
                        int status = response.status();
                        String retryAfter = response.retryAfter();
                        Answer answer = Answer.classify(status, retryAfter, response.body());
                        if (answer == Answer.SHED) {
                            shed.record(status, retryAfter, answered - sent);
                            if (attempt < retries) {
                                long wait = Answer.retryAfterMillis(retryAfter, System.currentTimeMillis());
                                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                                        .execute(() -> send(http, request, attempt + 1, done));
                                return;
                            }
                            gaveUp.increment();
                            errors.add(errorPrefix + "-shed-gave-up", request.path() + " still shed after " + retries
                                    + " retries");
                            done.complete(null);
                            return;
                        }
                        latency.recordNanos(answered - sent);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 201) {
                            request.created().accept(Http.parse(response.body()));
                        } else if (status != 409) {
                            errors.add(answer == Answer.SERVER_ERROR ? errorPrefix + "-5xx" : errorPrefix + "-unexpected-status",
                                    status + " " + Http.abbreviate(response.body()));
                        }
                        done.complete(null);
                    } catch (RuntimeException e) {
                        errors.add(errorPrefix + "-client", e.toString());
                        done.complete(null);
                    }
                });
    }
}
