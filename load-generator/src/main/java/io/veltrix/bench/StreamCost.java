package io.veltrix.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code client-cost --request stream}: what a live-board stream client costs the generator. N
 * subscribers of the board stream with change frames ({@link SseSubscribers} or
 * {@link JettySseSubscribers}) while finds change the board at a steady rate: players registered
 * before the streams open, each find a clue that player has not found yet, so every one is
 * accepted and moves the board. After the warm-up, the measured window: the process's CPU per
 * received frame and per stream-second, and the frames' fan-out delay (each subscriber's arrival
 * after the first one's, per board version). The finds' own cost (a few a second, on
 * {@link RawHttp}) is in both clients' figures alike.
 */
final class StreamCost {

    /** What one run needs. */
    record Setup(URI queryUrl, URI commandUrl, String hunt, List<String> clues, String answer, int streams,
                 double findRate, Duration warmup, Duration duration, Duration connectTimeout, Duration requestTimeout) {
    }

    /** One find of the schedule: whose, which clue. */
    record Find(int player, String clue) {
    }

    private final Setup setup;
    private final Errors errors = new Errors();
    private final LongAdder findsAccepted = new LongAdder();
    private final LongAdder findsRefused = new LongAdder();
    private final LongAdder findsFailed = new LongAdder();
    private final Map<String, String> firstFindProblem = new ConcurrentHashMap<>();

    StreamCost(Setup setup) {
        if (setup.clues().isEmpty()) {
            throw new IllegalArgumentException("--request stream needs --clue (at least one clue id of the hunt)");
        }
        this.setup = setup;
    }

    /** Players enough that no find repeats a (player, clue) pair over {@code finds} finds. */
    static int playersNeeded(long finds, int clues) {
        return (int) Math.max(1, (finds + clues - 1) / clues);
    }

    /** The {@code k}-th find: players in turn (so each stays far under its own rate limit), then the next clue. */
    static Find find(long k, int players, List<String> clues) {
        return new Find((int) (k % players), clues.get((int) (k / players % clues.size())));
    }

    /** Registers the players, opens the streams, drives the finds, measures the window; the report. */
    Map<String, Object> run(ClientCost.Client client) throws Exception {
        long total = new OpenLoopSchedule(0, setup.findRate(), setup.warmup().plus(setup.duration()).toNanos()).count();
        URI stream = BoardStreams.uri(setup.queryUrl().toString(), setup.hunt(), true);
        try (RawHttp commands = new RawHttp("finds", setup.commandUrl(), 8, setup.requestTimeout());
             BoardStreams streams = client == ClientCost.Client.raw
                     ? new SseSubscribers(stream, setup.streams(), errors)
                     : new JettySseSubscribers(stream, setup.streams(), errors)) {
            List<String> tokens = register(commands, playersNeeded(total, setup.clues().size()));
            long cpuBeforeOpen = GeneratorCpu.processCpuNanos();
            long openStart = System.nanoTime();
            streams.start(setup.connectTimeout().toNanos());
            long openNanos = System.nanoTime() - openStart;
            long cpuOpen = GeneratorCpu.processCpuNanos() - cpuBeforeOpen;

            long start = System.nanoTime() + 20_000_000L;
            Thread driver = new Thread(() -> drive(commands, tokens, start), "stream-cost-finds");
            driver.start();
            sleepUntil(start + setup.warmup().toNanos());
            long bytesBefore = ((Number) streams.report().get("bytesReceived")).longValue();
            BoardFrames frames = streams.restartFrames();
            long cpuBefore = GeneratorCpu.processCpuNanos();
            long windowStart = System.nanoTime();
            sleepUntil(windowStart + setup.duration().toNanos());
            long cpuAfter = GeneratorCpu.processCpuNanos();
            long wall = System.nanoTime() - windowStart;
            Map<String, Object> seen = streams.report();
            driver.join();
            long bytes = ((Number) seen.get("bytesReceived")).longValue() - bytesBefore;
            Map<String, Object> report = report(client.name(), seen, frames.frames(), bytes, cpuBefore, cpuAfter, wall);
            report.put("openSeconds", ReportFigures.seconds(openNanos));
            report.put("cpuMsPerStreamOpened", cpuOpen < 0 || streams.connected() == 0 ? null
                    : Math.round(cpuOpen / 1e3 / streams.connected()) / 1e3);
            report.put("findRate", setup.findRate());
            report.put("findsAccepted", findsAccepted.sum());
            report.put("findsRefused", findsRefused.sum());
            report.put("findsFailed", findsFailed.sum());
            report.putAll(firstFindProblem);
            report.put("errors", errors.asReport());
            return report;
        }
    }

    /** Healthy: every stream connected and kept, every find accepted. */
    static boolean healthy(Map<String, Object> report) {
        return ((Number) report.get("connected")).intValue() == ((Number) report.get("streams")).intValue()
                && ((Number) report.get("failed")).intValue() == 0
                && ((Number) report.get("lostDuringRun")).intValue() == 0
                && ((Number) report.getOrDefault("findsRefused", 0L)).longValue() == 0
                && ((Number) report.getOrDefault("findsFailed", 0L)).longValue() == 0;
    }

    /** The window's figures: frames, CPU per frame and per stream-second, fan-out and freshness. */
    static Map<String, Object> report(String client, Map<String, Object> seen, long frames, long bytes,
                                      long cpuNanosBefore, long cpuNanosAfter, long wallNanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client", client);
        out.put("request", "stream");
        out.put("streams", seen.get("requested"));
        out.put("connected", seen.get("connected"));
        out.put("failed", seen.get("failed"));
        out.put("lostDuringRun", seen.get("lostDuringRun"));
        out.put("frames", frames);
        int connected = ((Number) seen.get("connected")).intValue();
        double seconds = wallNanos / 1e9;
        out.put("framesPerStreamSecond", connected == 0 ? null : round(frames / (double) connected / seconds, 2));
        out.put("bytesPerFrame", frames == 0 ? null : bytes / frames);
        boolean cpuKnown = cpuNanosBefore >= 0 && cpuNanosAfter >= 0;
        out.put("cpuMs", cpuKnown ? (cpuNanosAfter - cpuNanosBefore) / 1_000_000 : null);
        out.put("cpuMsPerFrame", GeneratorCpu.millisPerRequest(cpuNanosBefore, cpuNanosAfter, frames));
        out.put("cpuMsPerStreamSecond", cpuKnown && connected > 0
                ? round((cpuNanosAfter - cpuNanosBefore) / 1e6 / connected / seconds, 4) : null);
        out.put("cores", cpuKnown ? GeneratorCpu.cores(cpuNanosAfter - cpuNanosBefore, wallNanos) : null);
        out.put("wallMs", wallNanos / 1_000_000);
        out.put("boardVersionsSeen", seen.get("boardVersionsSeen"));
        out.put("fanoutMs", seen.get("fanoutMs"));
        out.put("freshnessMs", seen.get("freshnessMs"));
        return out;
    }

    static String line(Map<String, Object> report) {
        Map<?, ?> fanout = (Map<?, ?>) report.get("fanoutMs");
        return String.format("%-5s stream %5d streams  frames %d (%s/s a stream)  cpu %s ms/frame  %s ms/stream-s (%s cores)"
                        + "  fan-out p50 %s ms  p99 %s ms  connected %s  lost %s  finds %s",
                report.get("client"), ((Number) report.get("streams")).intValue(), (Long) report.get("frames"),
                report.get("framesPerStreamSecond"), report.get("cpuMsPerFrame"), report.get("cpuMsPerStreamSecond"),
                report.get("cores"), fanout.get("p50"), fanout.get("p99"), report.get("connected"),
                report.get("lostDuringRun"), report.get("findsAccepted"));
    }

    private List<String> register(RawHttp commands, int players) throws Exception {
        String prefix = "sse " + (System.currentTimeMillis() % 1_000_000_000L) + " ";
        List<CompletableFuture<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            answers.add(commands.send("POST", "/api/hunts/" + setup.hunt() + "/players", ClientCost.JSON_BODY,
                    Http.jsonBytes(Map.of("handle", prefix + i))));
        }
        List<String> tokens = new ArrayList<>();
        for (CompletableFuture<RawHttp.Response> answer : answers) {
            RawHttp.Response response = answer.get(setup.requestTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
            if (response.status() / 100 != 2) {
                throw new IOException("registering a player answered " + response.status() + ": " + Http.abbreviate(response.body()));
            }
            tokens.add(Http.parse(response.body()).path("token").asText());
        }
        return tokens;
    }

    /** The finds, open loop at the find rate from {@code start} over the warm-up and the window. */
    private void drive(RawHttp commands, List<String> tokens, long start) {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, setup.findRate(), setup.warmup().plus(setup.duration()).toNanos());
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (long k = 0; k < schedule.count(); k++) {
            OpenLoopSchedule.awaitStart(start + schedule.intendedStart(k));
            Find find = find(k, tokens.size(), setup.clues());
            byte[] body = Http.jsonBytes(Map.of("clueId", find.clue(), "answer", setup.answer()));
            List<String[]> headers = List.of(ClientCost.JSON_BODY.get(0),
                    new String[] {"Authorization", "Bearer " + tokens.get(find.player())});
            sent.add(commands.send("POST", "/api/hunts/" + setup.hunt() + "/finds", headers, body).whenComplete((r, failure) -> {
                if (failure != null) {
                    findsFailed.increment();
                    firstFindProblem.putIfAbsent("firstFindProblem", failure.toString());
                } else if (r.status() / 100 == 2) {
                    findsAccepted.increment();
                } else {
                    findsRefused.increment();
                    firstFindProblem.putIfAbsent("firstFindProblem", r.status() + " " + Http.abbreviate(r.body()));
                }
            }));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
