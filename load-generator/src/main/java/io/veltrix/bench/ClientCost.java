package io.veltrix.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar load-generator.jar client-cost --client raw|jetty --hunt HUNT ...}: what an HTTP
 * client costs the generator. One open-loop stream of board reads (or of finds the command service
 * refuses at its input check: its security, JSON and problem answer, nothing written) at a fixed
 * rate through {@link RawHttp} or {@link JettyHttp}, first a warm-up at the same rate, then the
 * measured window: the process's CPU per answered request and the answers' latency from their
 * intended start. {@code --request stream} measures the live-board stream clients instead
 * ({@link StreamCost}: {@link SseSubscribers} or {@link JettySseSubscribers}). One client per JVM,
 * so neither client's threads, classes or JIT work are in the other's figure. Kept out of the
 * benchmark's phases: it measures the generator, not the services.
 */
@Command(name = "client-cost", sortOptions = false,
        description = "Generator CPU per request and answer latency of one HTTP client at a fixed open-loop rate.")
final class ClientCost implements Callable<Integer> {

    /** Which client sends the stream. */
    enum Client { raw, jetty }

    /** Which request the stream repeats; {@code stream}: live-board subscribers instead. */
    enum Kind { board, find, stream }

    /** One request, as the stream sends it again and again. */
    record Probe(String method, String pathAndQuery, List<String[]> headers, byte[] body, int expectedStatus) {

        /** A GET as the board reads send it (status only, body dropped), anything else answered whole as the finds are. */
        CompletableFuture<Integer> send(LoadHttp http) {
            if ("GET".equals(method) && body == null) {
                return http.get(pathAndQuery);
            }
            return http.send(method, pathAndQuery, headers, body).thenApply(RawHttp.Response::status);
        }
    }

    /** The header of a request with a JSON body. */
    static final List<String[]> JSON_BODY = List.<String[]>of(new String[] {"Content-Type", "application/json"});

    /** The find's body: no clueId, so the service answers 400 before any limit, lookup or write. */
    static final String REFUSED_FIND = "{\"answer\":\"client-cost\"}";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    @Option(names = "--client", required = true,
            description = "raw (RawHttp, or SseSubscribers for streams) or jetty (Jetty's HttpClient)")
    Client client;

    @Option(names = "--request", defaultValue = "board",
            description = "board: GET the leaderboard from the query service; find: POST a find the command service refuses (400);"
                    + " stream: --streams live-board streams while finds change the board. Default: ${DEFAULT-VALUE}")
    Kind kind;

    @Option(names = "--hunt", required = true, description = "the hunt id (published)")
    String hunt;

    @Option(names = "--player-token", description = "a player's Bearer token in that hunt (--request find only)")
    String playerToken;

    @Option(names = "--query-url", defaultValue = "http://localhost:8082", description = "Default: ${DEFAULT-VALUE}")
    URI queryUrl;

    @Option(names = "--command-url", defaultValue = "http://localhost:8081", description = "Default: ${DEFAULT-VALUE}")
    URI commandUrl;

    @Option(names = "--rate", defaultValue = "1000", description = "requests per second, open loop. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "the measured window. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
            description = "at the same rate before the window, not counted. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--connections", defaultValue = "64", description = "connection cap of either client. Default: ${DEFAULT-VALUE}")
    int connections;

    @Option(names = "--max-in-flight", defaultValue = "2048", description = "requests in flight at most. Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    @Option(names = "--board-limit", defaultValue = "50", description = "entries of each board read. Default: ${DEFAULT-VALUE}")
    int boardLimit;

    @Option(names = "--request-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Default: ${DEFAULT-VALUE}")
    Duration requestTimeout;

    @Option(names = "--streams", defaultValue = "1000", description = "live-board streams (--request stream). Default: ${DEFAULT-VALUE}")
    int streams;

    @Option(names = "--find-rate", defaultValue = "20",
            description = "finds a second that change the board (--request stream). Default: ${DEFAULT-VALUE}")
    double findRate;

    @Option(names = "--clue", split = ",",
            description = "clue ids of the hunt the finds solve, comma-separated (--request stream)")
    List<String> clues = List.of();

    @Option(names = "--answer", defaultValue = "piano",
            description = "the answer of every --clue (--request stream). Default: ${DEFAULT-VALUE}")
    String answer;

    @Option(names = "--connect-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long the streams may take to open (--request stream). Default: ${DEFAULT-VALUE}")
    Duration connectTimeout;

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return FlagKind.duration(value);
        }
    }

    static int main(String[] args) {
        return new CommandLine(new ClientCost()).execute(args);
    }

    /** The request of {@code kind} for {@code hunt}; a find needs the player's token. */
    static Probe probe(Kind kind, String hunt, int boardLimit, String playerToken) {
        if (kind == Kind.board) {
            return new Probe("GET", "/api/hunts/" + hunt + "/leaderboard?limit=" + boardLimit, List.of(), null, 200);
        }
        if (playerToken == null || playerToken.isBlank()) {
            throw new IllegalArgumentException("--request find needs --player-token");
        }
        return new Probe("POST", "/api/hunts/" + hunt + "/finds",
                List.of(new String[] {"Authorization", "Bearer " + playerToken}, new String[] {"Content-Type", "application/json"}),
                REFUSED_FIND.getBytes(StandardCharsets.UTF_8), 400);
    }

    @Override
    public Integer call() throws Exception {
        if (kind == Kind.stream) {
            return streams();
        }
        Probe probe;
        try {
            probe = probe(kind, hunt, boardLimit, playerToken);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        URI target = kind == Kind.board ? queryUrl : commandUrl;
        try (LoadHttp http = client == Client.raw ? new RawHttp("cost", target, connections, requestTimeout)
                : new JettyHttp("cost", target, connections, requestTimeout)) {
            Semaphore inFlight = new Semaphore(maxInFlight);
            if (!warmup.isZero()) {
                new Window(probe).run(http, inFlight, maxInFlight, rate, warmup);
            }
            Window window = new Window(probe);
            long cpuBefore = GeneratorCpu.processCpuNanos();
            long start = System.nanoTime();
            window.run(http, inFlight, maxInFlight, rate, duration);
            long wall = System.nanoTime() - start;
            long cpuAfter = GeneratorCpu.processCpuNanos();
            Map<String, Object> report = window.report(client.name(), kind.name(), rate, cpuBefore, cpuAfter, wall);
            report.put("connectionsOpened", http.connectionsOpened());
            System.out.println(line(report));
            System.out.println(Http.JSON.writeValueAsString(report));
            return window.failures() == 0 && window.unexpected() == 0 ? 0 : 1;
        }
    }

    private int streams() throws Exception {
        StreamCost cost;
        try {
            cost = new StreamCost(new StreamCost.Setup(queryUrl, commandUrl, hunt, clues, answer, streams, findRate, warmup,
                    duration, connectTimeout, requestTimeout));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Map<String, Object> report = cost.run(client);
        System.out.println(StreamCost.line(report));
        System.out.println(Http.JSON.writeValueAsString(report));
        return StreamCost.healthy(report) ? 0 : 1;
    }

    static String line(Map<String, Object> report) {
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) report.get("latencyMs");
        return String.format("%-5s %-5s %6.0f/s  answered %d  cpu %s ms/request (%s cores)  p50 %s ms  p99 %s ms  failures %d  unexpected %d",
                report.get("client"), report.get("request"), (Double) report.get("rate"), (Long) report.get("answered"),
                report.get("cpuMsPerRequest"), report.get("cores"), latency.get("p50"), latency.get("p99"),
                (Long) report.get("failures"), (Long) report.get("unexpectedStatus"));
    }

    /** One open-loop run of the probe: what came back, and how late. */
    static final class Window {

        private final Probe probe;
        private final Latencies latencies = new Latencies();
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder answered = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final LongAdder unexpected = new LongAdder();
        private final Map<String, String> firstFailure = new ConcurrentHashMap<>();

        Window(Probe probe) {
            this.probe = probe;
        }

        /** Sends at {@code rate} for {@code length}, then waits for every answer. */
        void run(LoadHttp http, Semaphore inFlight, int permits, double rate, Duration length) {
            OpenLoopSchedule schedule = new OpenLoopSchedule(0, rate, length.toNanos());
            long start = System.nanoTime();
            for (long i = 0; i < schedule.count(); i++) {
                long intended = start + schedule.intendedStart(i);
                OpenLoopSchedule.awaitStart(intended);
                inFlight.acquireUninterruptibly();
                probe.send(http).whenComplete((status, failure) -> {
                    answered(intended, System.nanoTime(), status, failure);
                    inFlight.release();
                });
            }
            inFlight.acquireUninterruptibly(permits);
            inFlight.release(permits);
        }

        void answered(long intended, long done, Integer status, Throwable failure) {
            latencies.recordNanos(OpenLoopSchedule.correctedLatency(intended, done));
            if (failure != null) {
                failed.increment();
                firstFailure.putIfAbsent("firstFailure", failure.toString());
                return;
            }
            answered.increment();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status != probe.expectedStatus()) {
                unexpected.increment();
            }
        }

        long failures() {
            return failed.sum();
        }

        long unexpected() {
            return unexpected.sum();
        }

        Map<String, Object> report(String client, String request, double rate, long cpuNanosBefore, long cpuNanosAfter,
                                   long wallNanos) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("client", client);
            out.put("request", request);
            out.put("rate", rate);
            out.put("answered", answered.sum());
            out.put("failures", failed.sum());
            out.put("unexpectedStatus", unexpected.sum());
            out.put("status", ReportFigures.statusMap(statuses));
            boolean cpuKnown = cpuNanosBefore >= 0 && cpuNanosAfter >= 0;
            out.put("cpuMs", cpuKnown ? (cpuNanosAfter - cpuNanosBefore) / 1_000_000 : null);
            out.put("cpuMsPerRequest", GeneratorCpu.millisPerRequest(cpuNanosBefore, cpuNanosAfter, answered.sum()));
            out.put("cores", cpuKnown ? GeneratorCpu.cores(cpuNanosAfter - cpuNanosBefore, wallNanos) : null);
            out.put("wallMs", wallNanos / 1_000_000);
            out.put("latencyMs", latencies.percentiles());
            out.putAll(firstFailure);
            return out;
        }
    }
}
