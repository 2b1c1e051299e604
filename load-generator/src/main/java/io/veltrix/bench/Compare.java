package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark's figures side by side for the JSON summaries of one {@code ./bench.sh} run (tuned,
 * axon-defaults, limit), with the ratios between tuned and axon-defaults. It reports numbers; it
 * never says pass or fail.
 *
 * <pre>java -jar load-generator.jar compare summary.json...</pre>
 */
public final class Compare {

    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, JsonNode> byProfile = new LinkedHashMap<>();
        for (String path : args) {
            JsonNode summary = Http.JSON.readTree(new File(path));
            byProfile.put(summary.path("profile").asText(), summary);
        }
        System.out.print(table(byProfile));
        Map<String, List<Chart.Point>> ladders = Chart.ladders(byProfile);
        if (!ladders.isEmpty()) {
            // next to the summaries, named after the first one's time stamp
            Path first = Path.of(args[0]).toAbsolutePath();
            String stamp = first.getFileName().toString().replaceAll("^(\\d{8}-\\d{6}).*", "$1");
            double slo = byProfile.values().stream().mapToDouble(sm -> sm.path("phases").path("ladder").path("slo")
                    .path("findsP99Ms").asDouble(50)).findFirst().orElse(50);
            Path chart = Chart.write(ladders, slo, first.resolveSibling(stamp + "-ladder.svg"));
            System.out.println("\nladder chart: " + chart);
        }
    }

    private record Row(String figure, Function<JsonNode, Double> value, String format) {
    }

    static String table(Map<String, JsonNode> byProfile) {
        JsonNode tuned = byProfile.get("tuned");
        JsonNode defaults = byProfile.get("axon-defaults");
        JsonNode limit = byProfile.get("limit");
        double limitTps = number(limit, "rates", "limitTps");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("finds accepted /s", s -> number(s, "rates", "findsAcknowledgedPerSecond"), "%.1f"));
        rows.add(new Row("finds accepted, % of limit TPS", s -> percentOf(number(s, "rates", "findsAcknowledgedPerSecond"), limitTps), "%.1f %%"));
        rows.add(new Row("finds latency p99 (ms, corrected)", s -> number(s, "latencyMs", "finds", "p99"), "%.1f"));
        rows.add(new Row("projection lag p99 (ms)", s -> number(s, "lagMs", "p99"), "%.1f"));
        rows.add(new Row("finds shed", s -> number(s, "counts", "findsShed"), "%.0f"));
        rows.add(new Row("finds CPU-ms per ack (all processes)", s -> number(s, "rates", "findsCpuMsPerAck"), "%.3f"));
        rows.add(new Row("finds commits per ack", s -> number(s, "rates", "findsCommitsPerAck"), "%.3f"));
        rows.add(new Row("finds WAL syncs per ack", s -> number(s, "rates", "findsWalSyncsPerAck"), "%.3f"));
        rows.add(new Row("capacity at SLO (finds/s)", s -> number(s, "rates", "capacityAtSlo"), "%.0f"));
        rows.add(new Row("capacity at SLO, % of limit TPS", s -> percentOf(number(s, "rates", "capacityAtSlo"), limitTps), "%.1f %%"));
        rows.add(new Row("CPU-ms per find at capacity", s -> number(s, "rates", "cpuMsPerFindAtCapacity"), "%.3f"));
        rows.add(new Row("commits per find at capacity", s -> number(s, "rates", "commitsPerFindAtCapacity"), "%.3f"));
        rows.add(new Row("write transactions per find at cap.",
                s -> number(s, "rates", "writeTransactionsPerFindAtCapacity"), "%.3f"));
        rows.add(new Row("overload offered (finds/s)", s -> number(s, "rates", "overloadOffered"), "%.0f"));
        rows.add(new Row("overload accepted /s", s -> number(s, "rates", "overloadAcceptedPerSecond"), "%.1f"));
        rows.add(new Row("overload accepted p99 (ms)", s -> number(s, "rates", "overloadAcceptedP99Ms"), "%.1f"));
        rows.add(new Row("overload shed", s -> number(s, "rates", "overloadShed"), "%.0f"));
        rows.add(new Row("overload shed answer p99 (ms)", s -> number(s, "rates", "overloadShedAnswerP99Ms"), "%.1f"));
        rows.add(new Row("overload errors", s -> number(s, "rates", "overloadErrors"), "%.0f"));
        rows.add(new Row("recovery to SLO (s)", s -> number(s, "rates", "recoverySeconds"), "%.0f"));
        rows.add(new Row("stampede wall time (s)", s -> number(s, "rates", "stampedeWallSeconds"), "%.2f"));
        rows.add(new Row("stampede created", s -> number(s, "counts", "registrationsCreated"), "%.0f"));
        rows.add(new Row("stampede 409", s -> number(s, "counts", "registrationsRejected409"), "%.0f"));
        rows.add(new Row("team mode: teams created", s -> number(s, "counts", "teamsCreated"), "%.0f"));
        rows.add(new Row("team mode: creations wall time (s)", s -> number(s, "rates", "teamCreationsWallSeconds"), "%.2f"));
        rows.add(new Row("team mode: joins wall time (s)", s -> number(s, "rates", "teamJoinsWallSeconds"), "%.2f"));
        rows.add(new Row("board reads p99 (ms, corrected)", s -> number(s, "latencyMs", "boardReads", "p99"), "%.1f"));
        rows.add(new Row("board reads ok /s", s -> number(s, "rates", "boardReadsOkPerSecond"), "%.1f"));
        rows.add(new Row("SSE subscribers connected", s -> number(s, "counts", "sseConnected"), "%.0f"));
        rows.add(new Row("SSE fan-out p99 (ms)", s -> number(s, "latencyMs", "sseFanout", "p99"), "%.1f"));
        rows.add(new Row("SSE freshness p99 (ms)", s -> number(s, "latencyMs", "sseFreshness", "p99"), "%.1f"));
        rows.add(new Row("replay (events/s)", s -> number(s, "rates", "replayEventsPerSecond"), "%.0f"));
        rows.add(new Row("RSS peak command (MiB)", s -> number(s, "rssPeaksMiB", "command", "vmHwmMiB"), "%.1f"));
        rows.add(new Row("RSS peak query (MiB)", s -> number(s, "rssPeaksMiB", "query", "vmHwmMiB"), "%.1f"));
        rows.add(new Row("board differences", s -> number(s, "counts", "boardDifferences"), "%.0f"));
        rows.add(new Row("errors", s -> number(s, "errors", "count"), "%.0f"));
        rows.add(new Row("limit TPS (raw insert + commit)", s -> number(s, "rates", "limitTps"), "%.0f"));

        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-36s %14s %14s %14s%n", "figure", "tuned", "axon-defaults", "limit");
        out.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Row row : rows) {
            if (cell(row, tuned).equals("-") && cell(row, defaults).equals("-") && cell(row, limit).equals("-")) {
                continue; // a figure no run of this mode measures
            }
            out.append(String.format(Locale.ROOT, "%-36s %14s %14s %14s%n", row.figure(),
                    cell(row, tuned), cell(row, defaults), cell(row, limit)));
        }
        if (tuned != null && defaults != null) {
            out.append('\n').append("tuned vs axon-defaults, same run:\n");
            out.append(ratio("throughput (finds accepted /s)", number(tuned, "rates", "findsAcknowledgedPerSecond"),
                    number(defaults, "rates", "findsAcknowledgedPerSecond")));
            if (!Double.isNaN(number(tuned, "rates", "capacityAtSlo")) || !Double.isNaN(number(defaults, "rates", "capacityAtSlo"))) {
                out.append(ratio("capacity at SLO", number(tuned, "rates", "capacityAtSlo"),
                        number(defaults, "rates", "capacityAtSlo")));
                String slos = sloComparison(tuned, defaults);
                if (!slos.isEmpty()) {
                    out.append("    ").append(slos).append('\n');
                }
            }
            out.append(ratio("finds latency p99", number(tuned, "latencyMs", "finds", "p99"),
                    number(defaults, "latencyMs", "finds", "p99")));
            out.append(ratio("RSS (both services' peaks)", rssSum(tuned), rssSum(defaults)));
            for (Map.Entry<String, JsonNode> run : List.of(Map.entry("tuned", tuned), Map.entry("axon-defaults", defaults))) {
                double errors = number(run.getValue(), "errors", "count");
                if (errors > 0) {
                    out.append(String.format(Locale.ROOT,
                            "  note: %s reported %.0f errors; its figures come from a run that failed%n",
                            run.getKey(), errors));
                }
            }
        }
        return out.toString();
    }

    private static String cell(Row row, JsonNode summary) {
        if (summary == null) {
            return "-";
        }
        Double v = row.value().apply(summary);
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, row.format(), v);
    }

    private static String ratio(String what, double tuned, double defaults) {
        String value = Double.isNaN(tuned) || Double.isNaN(defaults) || defaults == 0 ? "-"
                : String.format(Locale.ROOT, "%.2fx", tuned / defaults);
        return String.format(Locale.ROOT, "  %-34s %s%n", what, value);
    }

    /**
     * How the two ladders' SLOs compare (a baseline may be run to a looser one, e.g. to give a
     * profile that holds no step under the strict one a finite capacity): "" when they are the
     * same. Against a looser SLO for axon-defaults the capacity ratio can only be understated.
     */
    static String sloComparison(JsonNode tuned, JsonNode defaults) {
        double p99 = number(tuned, "phases", "ladder", "slo", "findsP99Ms");
        double lag = number(tuned, "phases", "ladder", "slo", "lagP99Ms");
        double baseP99 = number(defaults, "phases", "ladder", "slo", "findsP99Ms");
        double baseLag = number(defaults, "phases", "ladder", "slo", "lagP99Ms");
        if (Double.isNaN(p99) || Double.isNaN(lag) || Double.isNaN(baseP99) || Double.isNaN(baseLag)
                || (p99 == baseP99 && lag == baseLag)) {
            return "";
        }
        String which = baseP99 >= p99 && baseLag >= lag ? "a lower bound: axon-defaults ran to a looser SLO"
                : baseP99 <= p99 && baseLag <= lag ? "an upper bound: axon-defaults ran to a stricter SLO"
                : "not like for like: the SLOs differ both ways";
        return String.format(Locale.ROOT, "(%s, finds p99 <= %.0f ms and lag p99 <= %.0f ms against tuned's %.0f and %.0f)",
                which, baseP99, baseLag, p99, lag);
    }

    private static double rssSum(JsonNode s) {
        return number(s, "rssPeaksMiB", "command", "vmHwmMiB") + number(s, "rssPeaksMiB", "query", "vmHwmMiB");
    }

    private static double percentOf(double value, double whole) {
        return Double.isNaN(value) || Double.isNaN(whole) || whole == 0 ? Double.NaN : 100 * value / whole;
    }

    static double number(JsonNode summary, String... path) {
        if (summary == null) {
            return Double.NaN;
        }
        JsonNode node = summary;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
