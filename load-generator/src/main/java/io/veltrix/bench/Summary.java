package io.veltrix.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run as one JSON object: scenario, profile, machine, the headline counts, rates, latency and
 * lag percentiles pulled up from the phases, RSS peaks, errors, then every phase's own detail.
 */
final class Summary {

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Summary() {
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryGiB", memoryGiB());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    private static Double memoryGiB() {
        try {
            long kb = RssSampler.statusKb(Files.readString(Path.of("/proc/meminfo")), "MemTotal");
            return Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Map<String, Object> build(String scenario, String profile, Instant started, Instant finished,
                                     Map<String, Object> machine, Map<String, String> flags,
                                     Map<String, Object> phases, Map<String, Object> rss, Map<String, Object> errors) {
        Map<String, Object> counts = new LinkedHashMap<>();
        put(counts, "registrationsAttempted", phases, "stampede", "attempted");
        put(counts, "registrationsCreated", phases, "stampede", "created201");
        put(counts, "registrationsRejected409", phases, "stampede", "rejected409");
        put(counts, "registrationsShed", phases, "stampede", "shed");
        put(counts, "teamsAttempted", phases, "stampede", "creations", "attempted");
        put(counts, "teamsCreated", phases, "stampede", "teamsCreated");
        put(counts, "teamJoinsAttempted", phases, "stampede", "joins", "attempted");
        put(counts, "teamJoinsCreated", phases, "stampede", "joins", "created201");
        put(counts, "findsSent", phases, "finds", "sent");
        put(counts, "findsNotSent", phases, "finds", "notSent");
        put(counts, "findsAcknowledged", phases, "finds", "acknowledged200");
        put(counts, "findOutcomes", phases, "finds", "outcomes");
        put(counts, "findsShed", phases, "finds", "shed");
        put(counts, "findsRateLimited429", phases, "finds", "rateLimited429");
        put(counts, "findsLockedOut429", phases, "finds", "lockedOut429");
        put(counts, "duplicatesSent", phases, "finds", "duplicatesSent");
        put(counts, "duplicatesMismatched", phases, "finds", "duplicatesMismatched");
        put(counts, "boardReads", phases, "boardReads", "sent");
        put(counts, "boardReadsNotSent", phases, "boardReads", "notSent");
        put(counts, "sseConnected", phases, "sse", "connected");
        put(counts, "sseEvents", phases, "sse", "events");
        put(counts, "lagSamples", phases, "lag", "sampled");
        put(counts, "boardDifferences", phases, "check", "differenceCount");
        put(counts, "replayProcessed", phases, "replay", "processed");
        put(counts, "limitCommits", phases, "limit", "commits");

        Map<String, Object> rates = new LinkedHashMap<>();
        put(rates, "registrationsPerSecond", phases, "stampede", "registrationsPerSecond");
        put(rates, "stampedeWallSeconds", phases, "stampede", "wallSeconds");
        put(rates, "teamCreationsWallSeconds", phases, "stampede", "creations", "wallSeconds");
        put(rates, "teamJoinsWallSeconds", phases, "stampede", "joins", "wallSeconds");
        put(rates, "findsTargetPerSecond", phases, "finds", "targetRate");
        put(rates, "findsSentPerSecond", phases, "finds", "sentPerSecond");
        put(rates, "findsAcknowledgedPerSecond", phases, "finds", "acknowledgedPerSecond");
        put(rates, "findsShedPerSecond", phases, "finds", "shedPerSecond");
        put(rates, "boardReadsTargetPerSecond", phases, "boardReads", "targetRate");
        put(rates, "boardReadsOkPerSecond", phases, "boardReads", "okPerSecond");
        put(rates, "findsCpuMsPerAck", phases, "finds", "costs", "cpuMsPerUnit", "total");
        put(rates, "findsCommitsPerAck", phases, "finds", "costs", "commitsPerUnit");
        put(rates, "findsWriteTransactionsPerAck", phases, "finds", "costs", "writeTransactionsPerUnit");
        put(rates, "findsWalSyncsPerAck", phases, "finds", "costs", "walSyncsPerUnit");
        put(rates, "findsGeneratorCpuMsPerAck", phases, "finds", "costs", "cpuMsPerUnit", "generator");
        put(rates, "registrationsCpuMsPerCreated", phases, "stampede", "costs", "cpuMsPerUnit", "total");
        put(rates, "registrationsCommitsPerCreated", phases, "stampede", "costs", "commitsPerUnit");
        put(rates, "registrationsWriteTransactionsPerCreated", phases, "stampede", "costs", "writeTransactionsPerUnit");
        put(rates, "capacityAtSlo", phases, "ladder", "capacityAtSlo");
        put(rates, "cpuMsPerFindAtCapacity", phases, "ladder", "cpuMsPerFindAtCapacity");
        put(rates, "commitsPerFindAtCapacity", phases, "ladder", "commitsPerFindAtCapacity");
        put(rates, "writeTransactionsPerFindAtCapacity", phases, "ladder", "writeTransactionsPerFindAtCapacity");
        put(rates, "overloadOffered", phases, "overload", "offered");
        put(rates, "overloadAcceptedPerSecond", phases, "overload", "acceptedPerSecond");
        put(rates, "overloadAcceptedP99Ms", phases, "overload", "acceptedP99Ms");
        put(rates, "overloadShed", phases, "overload", "shed");
        put(rates, "overloadShedAnswerP99Ms", phases, "overload", "shedAnswerP99Ms");
        put(rates, "overloadErrors", phases, "overload", "errors");
        put(rates, "recoverySeconds", phases, "overload", "recoverySeconds");
        put(rates, "replayEventsPerSecond", phases, "replay", "eventsPerSecond");
        put(rates, "limitTps", phases, "limit", "tps");

        Map<String, Object> latency = new LinkedHashMap<>();
        put(latency, "finds", phases, "finds", "latencyMs");
        put(latency, "findsServiceTime", phases, "finds", "serviceTimeMs");
        put(latency, "findsConnectionWait", phases, "finds", "connectionWaitMs");
        put(latency, "findsShedAnswer", phases, "finds", "shedAnswer", "answerMs");
        put(latency, "registrations", phases, "stampede", "latencyMs");
        put(latency, "registrationsShedAnswer", phases, "stampede", "shedAnswer", "answerMs");
        put(latency, "boardReads", phases, "boardReads", "latencyMs");
        put(latency, "sseFanout", phases, "sse", "fanoutMs");
        put(latency, "sseFreshness", phases, "sse", "freshnessMs");
        put(latency, "limitCommit", phases, "limit", "latencyMs");

        Map<String, Object> lag = new LinkedHashMap<>();
        Object lagMs = dig(phases, "lag", "lagMs");
        if (lagMs instanceof Map<?, ?> m) {
            m.forEach((k, v) -> lag.put(String.valueOf(k), v));
        }

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        // solo or team: which kind of hunt the scenario played (none for a baseline or a seed alone)
        put(out, "mode", phases, "setup", "mode");
        out.put("profile", profile);
        out.put("startedAt", started.toString());
        out.put("finishedAt", finished.toString());
        out.put("machine", machine);
        out.put("counts", counts);
        out.put("rates", rates);
        out.put("latencyMs", latency);
        out.put("lagMs", lag);
        out.put("rssPeaksMiB", rss);
        out.put("errors", errors);
        out.put("phases", phases);
        out.put("flags", flags);
        return out;
    }

    private static void put(Map<String, Object> into, String name, Map<String, Object> phases, String... path) {
        Object value = dig(phases, path);
        if (value != null) {
            into.put(name, value);
        }
    }

    static Object dig(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static Path write(Map<String, Object> summary, Path dir, Instant started, String profile) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_STAMP.format(started) + "-" + profile.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        Http.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary);
        return file;
    }

    /** The human table: one figure a line, numbers only. */
    @SuppressWarnings("unchecked")
    static void printTable(Map<String, Object> summary, PrintStream out) {
        out.println();
        out.printf("%s%s / profile %s / %s cores, %s GiB%n", summary.get("scenario"),
                summary.get("mode") == null ? "" : " (" + summary.get("mode") + ")", summary.get("profile"),
                dig(summary, "machine", "cores"), dig(summary, "machine", "memoryGiB"));
        String rule = "-".repeat(96);
        out.println(rule);
        for (String section : new String[] {"counts", "rates"}) {
            Map<String, Object> values = (Map<String, Object>) summary.get(section);
            values.forEach((k, v) -> out.printf("%-34s %s%n", k, v));
        }
        out.println(rule);
        out.printf("%-34s %8s %8s %8s %8s %8s %10s%n", "latency (ms)", "p50", "p90", "p99", "p99.9", "max", "count");
        Map<String, Object> latency = new LinkedHashMap<>((Map<String, Object>) summary.get("latencyMs"));
        latency.put("lag (2xx to visible)", summary.get("lagMs"));
        latency.forEach((k, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            out.printf("%-34s %8s %8s %8s %8s %8s %10s%n", k, cell(p, "p50"), cell(p, "p90"), cell(p, "p99"),
                    cell(p, "p999"), cell(p, "max"), cell(p, "count"));
        });
        out.println(rule);
        Map<String, Object> rss = (Map<String, Object>) summary.get("rssPeaksMiB");
        if (rss != null) {
            rss.forEach((service, v) -> {
                Map<String, Object> e = (Map<String, Object>) v;
                out.printf("%-34s pid %s, VmHWM %s MiB, max sampled RSS %s MiB%n", "RSS " + service, e.get("pid"),
                        e.get("vmHwmMiB"), e.get("maxSampledRssMiB"));
            });
        }
        for (String phase : new String[] {"stampede", "finds"}) {
            if (dig(summary, "phases", phase, "costs") instanceof Map<?, ?> costs && costs.get("cpuMsPerUnit") != null) {
                out.printf("%-34s %s, commits %s, write transactions %s%n", "CPU-ms per " + costs.get("unit"),
                        costs.get("cpuMsPerUnit"), costs.get("commitsPerUnit"), costs.get("writeTransactionsPerUnit"));
            }
        }
        Object steps = dig(summary, "phases", "ladder", "steps");
        if (steps instanceof java.util.List<?> list && !list.isEmpty()) {
            out.println(rule);
            out.printf("%-10s %10s %10s %8s %8s %8s %8s %7s %9s %9s %9s  %s%n", "ladder", "offered/s", "accepted/s", "shed/s",
                    "p50 ms", "p99 ms", "lag p99", "errors", "CPU-ms/f", "commits/f", "writes/f", "SLO");
            for (Object o : list) {
                Map<String, Object> st = (Map<String, Object>) o;
                out.printf("%-10s %10s %10s %8s %8s %8s %8s %7s %9s %9s %9s  %s%n",
                        Boolean.TRUE.equals(st.get("refine")) ? "  refine" : "", st.get("offered"),
                        st.get("acceptedPerSecond"), st.get("shedPerSecond"), st.get("p50Ms"), st.get("p99Ms"), st.get("lagP99Ms"),
                        st.get("errors"), st.get("cpuMsPerFind"), st.get("commitsPerFind"), st.get("writeTransactionsPerFind"),
                        Boolean.TRUE.equals(st.get("heldSlo")) ? "held" : "broken: " + st.get("brokenBy"));
            }
            out.printf("%-34s %s%n", "capacity at SLO (finds/s)", dig(summary, "phases", "ladder", "capacityAtSlo"));
        }
        Map<String, Object> errors = (Map<String, Object>) summary.get("errors");
        out.printf("%-34s %s %s%n", "errors", errors.get("count"), errors.get("byKind"));
        for (String phase : new String[] {"check", "replay"}) {
            Object note = dig(summary, "phases", phase, "note");
            if (note != null) {
                out.printf("%-34s %s%n", phase, note);
            }
        }
        Object audit = dig(summary, "phases", "check", "audit", "note");
        if (audit != null) {
            out.printf("%-34s %s%n", "audit verify", audit);
        }
        out.println(rule);
    }

    private static String cell(Map<String, Object> p, String key) {
        if (p == null) {
            return "-";
        }
        Object v = p.get(key);
        return v == null ? "-" : v.toString();
    }
}
