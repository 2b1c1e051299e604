package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The replay phase: one projection rebuilt from the first event through the admin API, timed. */
final class ReplayPhase {

    private final LaunchContext context;
    private final Options options;
    private final Errors errors;

    ReplayPhase(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.errors = context.errors();
    }

    /** Rebuilds a projection from event 0 through the admin endpoint, if there is one, and reports events/s. */
    Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        String name = options.string("replay-projection");
        String base = context.queryUrl() + "/api/admin/projections/" + name;
        Http http = new Http("replay", options.duration("request-timeout"), 1);
        try {
            HttpResponse<String> status;
            try {
                status = http.get(base + "/status", context.admin());
            } catch (IOException e) {
                out.put("available", false);
                out.put("note", "query service not reachable: " + e);
                return out;
            }
            if (status.statusCode() == 404 || status.statusCode() == 405) {
                out.put("available", false);
                out.put("note", "replay endpoint not available (" + status.statusCode() + ")");
                System.out.println("  replay endpoint not available");
                return out;
            }
            out.put("available", true);
            out.put("seedEventsRequested", options.longValue("seed-events"));
            out.put("seeding", "the replay runs over the events in the store; the seed phase (--phases seed,replay)"
                    + " adds --seed-events events first");
            out.put("waitedForCatchUpSeconds", awaitCaughtUp(http));
            long t0 = System.nanoTime();
            HttpResponse<String> started = http.post(base + "/replay", context.admin(), null);
            if (started.statusCode() / 100 != 2) {
                errors.add("replay-start", started.statusCode() + " " + Http.abbreviate(started.body()));
                out.put("startStatus", started.statusCode());
                return out;
            }
            long deadline = t0 + options.duration("replay-timeout").toNanos();
            JsonNode last = null;
            boolean sawReplaying = false;
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                HttpResponse<String> s = http.get(base + "/status", context.admin());
                if (s.statusCode() != 200) {
                    continue;
                }
                last = Http.parse(s.body());
                String state = last.path("state").asText();
                if ("REPLAYING".equals(state)) {
                    sawReplaying = true;
                } else if ("CAUGHT_UP".equals(state) && (sawReplaying || last.path("processed").asLong() > 0)) {
                    break;
                }
            }
            long elapsed = System.nanoTime() - t0;
            long processed = last == null ? 0 : last.path("processed").asLong();
            out.put("processed", processed);
            out.put("seconds", ReportFigures.seconds(elapsed));
            out.put("eventsPerSecond", ReportFigures.perSecond(processed, elapsed));
            out.put("lastStatus", last == null ? null : Http.JSON.convertValue(last, Map.class));
            if (last == null || !"CAUGHT_UP".equals(last.path("state").asText())) {
                errors.add("replay-timeout", "projection " + name + " not caught up after "
                        + options.string("replay-timeout"));
            }
        } finally {
            http.close();
        }
        return out;
    }

    /**
     * Waits (up to --replay-timeout) until the projections have worked through what is in the
     * store, seeded events included, so the replay is measured alone rather than beside their
     * catch-up. Returns the seconds waited.
     */
    private double awaitCaughtUp(Http http) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + options.duration("replay-timeout").toNanos();
        for (String projection : List.of("leaderboard", "player-view", "hunt-summary")) {
            while (System.nanoTime() < deadline) {
                HttpResponse<String> s = http.get(context.queryUrl() + "/api/admin/projections/" + projection + "/status",
                        context.admin());
                if (s.statusCode() != 200) {
                    break;
                }
                // "caught up" alone is stale right after a seed (nothing told the processors yet):
                // wait until every segment's position reaches the store's head
                JsonNode status = Http.parse(s.body());
                if (status.path("processed").asLong() >= status.path("total").asLong()) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        double waited = ReportFigures.seconds(System.nanoTime() - t0);
        System.out.printf("  projections caught up with the store after %.1f s; replay starts%n", waited);
        return waited;
    }
}
