package io.veltrix.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar load-generator.jar [--flag value]...}: runs the chosen phases of the launch-day
 * scenario (or the {@code limit} baseline), prints a table, writes the JSON summary and prints
 * its path last. It reports numbers; it never judges them. Two other modes come first:
 * {@code compare summary.json...} ({@link Compare}) and {@code client-cost ...} ({@link ClientCost}).
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compare")) { // compare summary.json... (bench.sh's last table)
            Compare.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("client-cost")) { // the generator's CPU per request or per SSE frame, its own clients vs Jetty's
            System.exit(ClientCost.main(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Options o;
        try {
            o = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("load-generator: " + e.getMessage());
            System.err.println("every flag, its default and meaning: java -jar load-generator.jar --help");
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.print(Options.usage());
            return;
        }
        System.exit(run(o));
    }

    static int run(Options o) throws Exception {
        Set<String> phases = o.phases();
        Instant started = Instant.now();
        Errors errors = new Errors();
        Map<String, Object> results = new LinkedHashMap<>();
        boolean scenario = phases.stream().anyMatch(p -> !p.equals("limit") && !p.equals("seed"));
        RssSampler rss = scenario ? new RssSampler(o) : null;
        CostMeter costs = scenario ? new CostMeter(o, rss.pids()) : null;
        LaunchDay day = scenario ? new LaunchDay(o, errors, costs) : null;
        int exit = 0;
        try {
            if (scenario) {
                boolean load = phases.contains("finds") || phases.contains("ladder") || phases.contains("overload");
                if (phases.contains("stampede") || load || phases.contains("check")) {
                    step("setup: hunt with " + o.integer("clues") + " clues, published");
                    results.put("setup", day.setup());
                    if (phases.contains("stampede")) {
                        step(o.integer("teams") > 0
                                ? "stampede: " + o.integer("teams") + " teams of " + o.integer("team-size") + " (creations, then joins),"
                                        + " maxPlayers " + o.integer("max-players")
                                : "stampede: " + o.integer("players") + " registrations, maxPlayers " + o.integer("max-players"));
                        results.put("stampede", day.stampede());
                    } else {
                        day.ensurePlayers();
                    }
                }
                if (load) {
                    step("start");
                    results.put("start", day.start());
                }
                if (phases.contains("finds")) {
                    step("finds: " + o.integer("rate") + "/s for " + o.string("duration")
                            + (phases.contains("spectators") ? ", " + o.integer("sse-subscribers") + " SSE subscribers, board reads "
                            + o.integer("board-read-rate") + "/s" : "")
                            + (phases.contains("lag") ? ", lag probe" : ""));
                    results.putAll(day.finds(phases.contains("spectators"), phases.contains("lag")));
                }
                if (phases.contains("ladder")) {
                    step("ladder: from " + o.string("ladder-start") + "/s x" + o.string("ladder-factor") + " every "
                            + o.string("ladder-step-duration") + " up to " + o.string("ladder-max") + "/s, then up to "
                            + o.string("ladder-refine") + " refining steps, SLO p99 <= "
                            + o.string("slo-p99") + ", lag p99 <= " + o.string("slo-lag-p99") + ", 0 errors, 0 shed");
                    results.put("ladder", day.ladder());
                }
                if (phases.contains("overload")) {
                    step("overload: " + (o.string("overload-rate").isBlank() ? o.string("overload-factor") + " x capacity at SLO"
                            : o.string("overload-rate") + "/s") + " for " + o.string("overload-duration")
                            + ", then recovery at capacity for " + o.string("recovery-duration"));
                    results.put("overload", day.overload());
                }
                if (phases.contains("check")) {
                    step("check: board vs acknowledged finds, audit verify");
                    results.put("check", day.check());
                }
            }
            // After the live phases, so the projections' catch-up over the seeded history does not
            // run under the stampede and the finds; the replay then covers the seeded store.
            if (phases.contains("seed")) {
                step("seed: " + o.longValue("seed-events") + " events straight into the event store");
                results.put("seed", new EventSeeder(o).run());
            }
            if (scenario && phases.contains("replay")) {
                step("replay: projection " + o.string("replay-projection"));
                results.put("replay", day.replay());
            }
            if (phases.contains("limit")) {
                step("limit: " + o.integer("limit-connections") + " JDBC connections, insert " + o.integer("limit-row-bytes")
                        + " bytes + commit, " + o.string("duration"));
                results.put("limit", new LimitBaseline(o, errors).run());
            }
        } catch (Exception e) {
            errors.add("aborted", e.toString());
            System.err.println("load-generator: run aborted: " + e);
            exit = 1;
        } finally {
            if (day != null) {
                day.close();
            }
            if (costs != null) {
                costs.close();
            }
        }
        Map<String, Object> rssReport = rss == null ? null : rss.report();
        if (rss != null) {
            rss.close();
        }
        // a limit-only run is the baseline, not the scenario
        String scenarioName = scenario ? o.string("scenario") : phases.contains("limit") ? "limit" : "seed";
        Map<String, Object> summary = Summary.build(scenarioName, o.string("profile"), started, Instant.now(),
                Summary.machine(), o.asReported(), results, rssReport, errors.asReport());
        Summary.printTable(summary, System.out);
        Path file = Summary.write(summary, Path.of(o.string("output-dir")), started, o.string("profile"));
        if (results.get("ladder") instanceof Map<?, ?> ladder && ladder.get("steps") instanceof java.util.List<?> steps && !steps.isEmpty()) {
            Map<String, com.fasterxml.jackson.databind.JsonNode> one = Map.of(o.string("profile"), Http.JSON.valueToTree(summary));
            Path chart = Chart.write(Chart.ladders(one), o.duration("slo-p99").toNanos() / 1e6,
                    Path.of(file.toString().replaceAll("\\.json$", "-ladder.svg")));
            System.out.println("ladder chart: " + chart.toAbsolutePath());
        }
        System.out.println(file.toAbsolutePath());
        return exit;
    }

    private static void step(String what) {
        System.out.println("== " + what);
    }
}
