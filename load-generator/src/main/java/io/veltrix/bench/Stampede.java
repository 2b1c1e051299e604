package io.veltrix.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The stampede phase of a solo hunt: every player registers at once, as one
 * {@link RegistrationWave}; those accepted become the run's players.
 */
final class Stampede {

    private final LaunchContext context;
    private final Options options;
    private final Errors errors;
    private final CostMeter costs;
    private final int total;

    Stampede(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.errors = context.errors();
        this.costs = context.costs();
        this.total = options.integer("players");
    }

    /** All registrations as fast as accepted, closed loop; see {@link RegistrationWave}. */
    Map<String, Object> run() throws Exception {
        RegistrationWave wave = new RegistrationWave("stampede", errors, options.integer("registration-retries"));
        // each accepted registration at its attempt's index, in the order of the handles
        AtomicReferenceArray<RegisteredPlayer> registered = new AtomicReferenceArray<>(total);
        List<RegistrationWave.Request> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int index = i;
            String handle = String.format("player-%05d", i);
            requests.add(new RegistrationWave.Request("/api/hunts/" + context.huntId() + "/players",
                    Map.of("handle", handle), body -> registered.set(index, new RegisteredPlayer(index,
                            body.get("playerId").asText(), handle, body.get("token").asText()))));
        }
        CostMeter.Snapshot costStart;
        // the load streams' own client: the JDK's HttpClient cost the generator about 1 CPU-ms per
        // registration, a third of the machine during the stampede
        try (RawHttp http = new RawHttp("stampede", URI.create(context.commandUrl()),
                options.integer("registration-concurrency"), options.duration("request-timeout"))) {
            costStart = costs.take();
            wave.run(http, options.integer("registration-concurrency"), requests);
        }
        CostMeter.Snapshot costEnd = costs.take();
        for (int i = 0; i < total; i++) {
            RegisteredPlayer p = registered.get(i);
            if (p != null) {
                context.players().add(new RegisteredPlayer(context.players().size(), p.id(), p.handle(), p.token()));
                context.expected().registered(p.id());
            }
        }
        long created = wave.created();
        int maxPlayers = options.integer("max-players");
        if (created != Math.min(total, maxPlayers)) {
            errors.add("stampede-capacity", created + " registrations accepted, expected exactly "
                    + Math.min(total, maxPlayers));
        }
        Map<String, Object> out = wave.report("registrations");
        out.put("costs", costs.report(costStart, costEnd, created, "registration"));
        out.put("note", "closed loop, " + options.integer("registration-concurrency")
                + " in flight: latency is service time, not corrected;"
                + " shed registrations are resent after their Retry-After and left out of latencyMs");
        return out;
    }
}
