package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/** The stampede phase: every player registers at once; those accepted become the run's players. */
final class Stampede {

    private final LaunchContext context;
    private final Options options;
    private final Errors errors;
    private final CostMeter costs;
    private final int total;
    private final int retries;
    private final Latencies latency = new Latencies();
    private final Shed shed = new Shed();
    private final LongAdder gaveUp = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder ioErrors = new LongAdder();
    /** Each accepted registration at its attempt's index, in the order of the handles. */
    private final AtomicReferenceArray<RegisteredPlayer> registered;

    Stampede(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.errors = context.errors();
        this.costs = context.costs();
        this.total = options.integer("players");
        this.retries = options.integer("registration-retries");
        this.registered = new AtomicReferenceArray<>(total);
    }

    /**
     * All registrations as fast as accepted, with a bounded number in flight (closed loop). A
     * registration the service sheds (503/429 + Retry-After) is sent again once its Retry-After has
     * passed, at most {@code --registration-retries} times, as a player's app would: the stampede's
     * wall time includes those waits, and only the last answer counts towards 201/409.
     */
    Map<String, Object> run() throws Exception {
        Semaphore inFlight = new Semaphore(options.integer("registration-concurrency"));
        List<CompletableFuture<?>> all = new ArrayList<>(total);
        long wall;
        CostMeter.Snapshot costStart;
        // the load streams' own client: the JDK's HttpClient cost the generator about 1 CPU-ms per
        // registration, a third of the machine during the stampede
        try (RawHttp http = new RawHttp("stampede", URI.create(context.commandUrl()),
                options.integer("registration-concurrency"), options.duration("request-timeout"))) {
            costStart = costs.take();
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i++) {
                inFlight.acquire();
                int index = i;
                String handle = String.format("player-%05d", i);
                CompletableFuture<Void> done = new CompletableFuture<>();
                register(http, index, handle, 0, done);
                all.add(done.whenComplete((v, failure) -> inFlight.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
            wall = System.nanoTime() - t0;
        }
        CostMeter.Snapshot costEnd = costs.take();
        for (int i = 0; i < total; i++) {
            RegisteredPlayer p = registered.get(i);
            if (p != null) {
                context.players().add(new RegisteredPlayer(context.players().size(), p.id(), p.handle(), p.token()));
                context.expected().registered(p.id());
            }
        }
        long created = ReportFigures.count(statuses, 201);
        long full = ReportFigures.count(statuses, 409);
        int maxPlayers = options.integer("max-players");
        if (created != Math.min(total, maxPlayers)) {
            errors.add("stampede-capacity", created + " registrations accepted, expected exactly "
                    + Math.min(total, maxPlayers));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attempted", total);
        out.put("created201", created);
        out.put("rejected409", full);
        out.put("otherStatus", ReportFigures.otherStatuses(statuses, Set.of(201, 409)));
        out.put("ioErrors", ioErrors.sum());
        out.put("wallSeconds", ReportFigures.seconds(wall));
        out.put("registrationsPerSecond", ReportFigures.perSecond(total, wall));
        out.put("shed", shed.count());
        out.put("shedGaveUp", gaveUp.sum());
        out.put("shedAnswer", shed.report(wall, "when it was sent"));
        out.put("latencyMs", latency.percentiles());
        out.put("costs", costs.report(costStart, costEnd, created, "registration"));
        out.put("note", "closed loop, " + options.integer("registration-concurrency")
                + " in flight: latency is service time, not corrected;"
                + " shed registrations are resent after their Retry-After and left out of latencyMs");
        return out;
    }

    /** One registration, sent again after Retry-After while it is shed and retries are left; completes {@code done}. */
    private void register(RawHttp http, int index, String handle, int attempt, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        List<String[]> headers = List.of(new String[] {"Accept", "application/json"},
                new String[] {"Content-Type", "application/json"});
        http.send("POST", "/api/hunts/" + context.huntId() + "/players", headers, Http.jsonBytes(Map.of("handle", handle)))
                .whenComplete((response, failure) -> {
                    long answered = System.nanoTime();
                    try {
                        if (failure != null) {
                            latency.recordNanos(answered - sent);
                            ioErrors.increment();
                            errors.add("stampede-io", failure.toString());
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
                                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS).execute(() -> register(http, index,
                                        handle, attempt + 1, done));
                                return;
                            }
                            gaveUp.increment();
                            errors.add("stampede-shed-gave-up", handle + " still shed after " + retries + " retries");
                            done.complete(null);
                            return;
                        }
                        latency.recordNanos(answered - sent);
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        if (status == 201) {
                            JsonNode body = Http.parse(response.body());
                            registered.set(index, new RegisteredPlayer(index, body.get("playerId").asText(), handle,
                                    body.get("token").asText()));
                        } else if (status != 409) {
                            errors.add(answer == Answer.SERVER_ERROR ? "stampede-5xx" : "stampede-unexpected-status",
                                    status + " " + Http.abbreviate(response.body()));
                        }
                        done.complete(null);
                    } catch (RuntimeException e) {
                        errors.add("stampede-client", e.toString());
                        done.complete(null);
                    }
                });
    }
}
