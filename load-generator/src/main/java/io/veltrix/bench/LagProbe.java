package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * For sampled FOUND finds: polls the player's view (as the player) until its score reaches
 * what the acknowledged finds give, and records the time from the command's 2xx to then.
 */
final class LagProbe {

    /** Lag polls are one at a time per sampled find (a few % of finds): a handful of connections carries them. */
    private static final int LAG_CONNECTIONS = 8;

    private final Options options;
    private final Errors errors;
    private final RawHttp http;
    private final String path;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lag-probe");
        t.setDaemon(true);
        return t;
    });
    private final Latencies lag = new Latencies();
    /** Every visible sample with its acknowledgement instant, for the recovery after a fault. */
    private final LagRecovery recovery = new LagRecovery();
    /** Also told each lag, window by window, during a soak. */
    private volatile Soak soak;
    private final LongAdder sampled = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private final AtomicInteger active = new AtomicInteger();
    private final Map<Integer, LongAdder> pollStatuses = new ConcurrentHashMap<>();
    private final long interval;
    private final long timeout;

    LagProbe(LaunchContext context) throws IOException {
        this.options = context.options();
        this.errors = context.errors();
        this.path = URI.create(context.queryUrl()).getRawPath() + "/api/hunts/" + context.huntId() + "/players/";
        this.interval = options.duration("lag-poll-interval").toNanos();
        this.timeout = options.duration("lag-timeout").toNanos();
        this.http = new RawHttp("lag", URI.create(context.queryUrl()), LAG_CONNECTIONS, options.duration("request-timeout"));
    }

    /** Tells {@code soak} every lag from now on. */
    void feed(Soak soak) {
        this.soak = soak;
    }

    /** The visible samples with their acknowledgement instants. */
    LagRecovery recovery() {
        return recovery;
    }

    void watch(RegisteredPlayer player, int score, long ackNanos) {
        sampled.increment();
        active.incrementAndGet();
        poll(player, score, ackNanos);
    }

    private void poll(RegisteredPlayer player, int score, long ackNanos) {
        polls.increment();
        List<String[]> headers = List.of(new String[] {"Accept", "application/json"},
                new String[] {"Authorization", "Bearer " + player.token()});
        http.send("GET", path + player.id(), headers, null)
                .whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    if (failure == null) {
                        pollStatuses.computeIfAbsent(response.status(), s -> new LongAdder()).increment();
                        if (response.status() == 200) {
                            JsonNode view = Http.parse(response.body());
                            if (view.path("score").asInt(Integer.MIN_VALUE) >= score) {
                                lag.recordNanos(now - ackNanos);
                                recovery.record(ackNanos, now - ackNanos);
                                if (soak != null) {
                                    soak.lag(now - ackNanos);
                                }
                                active.decrementAndGet();
                                return;
                            }
                        }
                    }
                    if (now - ackNanos > timeout) {
                        timedOut.increment();
                        active.decrementAndGet();
                        errors.add("lag-timeout", "player " + player.id() + " score " + score + " not visible after "
                                + options.string("lag-timeout") + (failure != null ? " (" + failure + ")"
                                : " (last status " + response.status() + ")"));
                        return;
                    }
                    timer.schedule(() -> poll(player, score, ackNanos), interval, TimeUnit.NANOSECONDS);
                });
    }

    Map<String, Object> finish() throws InterruptedException {
        long deadline = System.nanoTime() + timeout + 1_000_000_000L;
        while (active.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        timer.shutdownNow();
        http.close();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sampled", sampled.sum());
        out.put("visible", lag.snapshot().getTotalCount());
        out.put("timedOut", timedOut.sum());
        out.put("polls", polls.sum());
        out.put("pollStatus", ReportFigures.statusMap(pollStatuses));
        out.put("lagMs", lag.percentiles());
        out.put("method", "poll GET /api/hunts/{id}/players/{playerId} every " + options.string("lag-poll-interval")
                + " until score >= the acknowledged finds' sum (resolution: the poll interval)");
        return out;
    }
}
