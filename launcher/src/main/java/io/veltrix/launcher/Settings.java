package io.veltrix.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launcher's knobs, all read from environment variables; relative paths are taken from the
 * working directory, which {@code run.sh} sets to the repository root.
 *
 * @param commandJavaOpts flags the command service's JVM gets after {@code javaOpts}
 * @param queryJavaOpts flags the query service's JVM gets after {@code javaOpts}
 * @param externalDatasourceUrl {@code SPRING_DATASOURCE_URL} when set: then no embedded database starts
 * @param verbose every line of the services on the console, not only their warnings and errors
 * @param restartsPerMinute how often a crashed service is started again within a minute before the
 *                          launcher gives up and stops everything (0: a crash stops everything)
 * @param aotCache on a JDK 25 or later, each service runs with its ahead-of-time cache ({@link AotCache})
 * @param postgresStatementStats the embedded PostgreSQL keeps per-statement statistics
 *                               ({@code pg_stat_statements}, preloaded and created in the database)
 */
record Settings(
        Path dataDir,
        Path postgresBinariesDir,
        int postgresPort,
        int postgresMaxConnections,
        int commandPort,
        int queryPort,
        Path commandJar,
        Path queryJar,
        List<String> javaOpts,
        List<String> commandJavaOpts,
        List<String> queryJavaOpts,
        Duration startupTimeout,
        String externalDatasourceUrl,
        boolean verbose,
        int restartsPerMinute,
        boolean aotCache,
        boolean postgresStatementStats) {

    static final String DATA_DIR = "VELTRIX_DATA_DIR";
    static final String PG_BINARIES_DIR = "VELTRIX_PG_BINARIES_DIR";
    static final String PG_PORT = "VELTRIX_PG_PORT";
    static final String PG_MAX_CONNECTIONS = "VELTRIX_PG_MAX_CONNECTIONS";
    static final String PG_STAT_STATEMENTS = "VELTRIX_PG_STAT_STATEMENTS";
    static final String COMMAND_PORT = "VELTRIX_COMMAND_PORT";
    static final String QUERY_PORT = "VELTRIX_QUERY_PORT";
    static final String COMMAND_JAR = "VELTRIX_COMMAND_JAR";
    static final String QUERY_JAR = "VELTRIX_QUERY_JAR";
    static final String JAVA_OPTS = "VELTRIX_JAVA_OPTS";
    static final String COMMAND_JAVA_OPTS = "VELTRIX_COMMAND_JAVA_OPTS";
    static final String QUERY_JAVA_OPTS = "VELTRIX_QUERY_JAVA_OPTS";
    static final String STARTUP_TIMEOUT = "VELTRIX_STARTUP_TIMEOUT_SECONDS";
    static final String DATASOURCE_URL = "SPRING_DATASOURCE_URL";
    static final String VERBOSE = "VELTRIX_VERBOSE";
    static final String RESTARTS_PER_MINUTE = "VELTRIX_RESTARTS_PER_MINUTE";
    static final String AOT_CACHE = "VELTRIX_AOT_CACHE";
    static final String WEB_COMMAND_URL = "VELTRIX_WEB_COMMAND_URL";
    static final String WEB_ALLOWED_ORIGINS = "VELTRIX_WEB_ALLOWED_ORIGINS";

    /**
     * Two services and PostgreSQL share two cores and a few hundred MB: small heaps that stay close
     * to the live set, the serial collector, a capped code cache with room to spare (a JDK 20+ collects
     * the whole heap each time compiled code grows by a share of the cap that shrinks as the cache
     * fills: at 48 MB, 3-5 full collections of 70-370 ms per run under load; at 96 MB one), and the C
     * heap trimmed every 5 s (freed compiler arenas and buffers go back to the OS; a JDK without the
     * flag ignores it). A service out of heap exits instead of limping on half-broken, and the
     * launcher starts it again.
     */
    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx160m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -XX:MaxHeapFreeRatio=40"
            + " -XX:MinHeapFreeRatio=15 -XX:ReservedCodeCacheSize=96m -XX:+UnlockExperimentalVMOptions"
            + " -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000";

    /**
     * The command service's young generation is fixed at 48 MB with 8 MB survivor spaces. Left to
     * the shared set it starts at a third of {@code -Xms} and stays there: under a crowd of a
     * thousand connections the requests in flight overflowed the survivors into the old generation,
     * which filled to the heap's cap and took a full collection. With room for them the heap stays
     * smaller and serves as many finds or more.
     *
     * <p>Its collector is the parallel one (the shared set's serial collector turned off): at 2,000
     * finds/s the young generation is collected several times a second, and with one thread those
     * pauses were a visible share of the finds' tail; with both cores on them the tail is shorter
     * at the same CPU per find. The measured pairs for both choices are in the README's row for
     * {@code VELTRIX_COMMAND_JAVA_OPTS} (docs/performance.md, rounds 18 and 27).
     */
    static final String DEFAULT_COMMAND_JAVA_OPTS = "-Xmn48m -XX:SurvivorRatio=4 -XX:-UseSerialGC -XX:+UseParallelGC";

    /**
     * The query service compiles with the quick compiler only (C1): its optimizing compiler's work
     * and code took ~40 MB of the service's memory and a share of the cores in the first minutes of
     * load, for a ladder capacity no better than C1's (measured, alternated). A leaderboard replay,
     * bound by Axon's per-event dispatch since the replay reads in pages, runs a fifth to a half
     * faster with both (README). The command service keeps both compilers: without the optimizing
     * one it served fewer finds.
     *
     * <p>Its collector is the parallel one too: in a leaderboard replay the pages in flight outlive
     * young collections, and the serial collector stopped the service a quarter of every second;
     * with both cores on the collections the pauses fell by a third and the replay ran faster.
     * Under the launch-day load the finds', board reads' and fan-out's tails were shorter too, for
     * 6–20 MiB more RSS (docs/performance.md, round 35).
     */
    static final String DEFAULT_QUERY_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:-UseSerialGC -XX:+UseParallelGC";

    /**
     * How the player page, served by the query service, reaches the command service when both run
     * here: the command service at this launch's port, allowing the query service's origin. Only
     * what {@code env} does not set already (behind a reverse proxy the operator sets both).
     */
    Map<String, String> pageRouting(Map<String, String> env) {
        Map<String, String> routing = new LinkedHashMap<>();
        if (!env.containsKey(WEB_COMMAND_URL)) {
            routing.put(WEB_COMMAND_URL, "http://localhost:" + commandPort);
        }
        if (!env.containsKey(WEB_ALLOWED_ORIGINS)) {
            routing.put(WEB_ALLOWED_ORIGINS, "http://localhost:" + queryPort);
        }
        return routing;
    }

    static Settings from(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault(DATA_DIR, "data")).toAbsolutePath().normalize();
        String binaries = blankToNull(env.get(PG_BINARIES_DIR));
        return new Settings(
                dataDir,
                binaries == null ? dataDir.resolve("pg-binaries") : Path.of(binaries).toAbsolutePath().normalize(),
                port(env, PG_PORT, 54329),
                positive(env, PG_MAX_CONNECTIONS, 200),
                port(env, COMMAND_PORT, 8081),
                port(env, QUERY_PORT, 8082),
                Path.of(env.getOrDefault(COMMAND_JAR, "command-service/target/command-service.jar")).toAbsolutePath(),
                Path.of(env.getOrDefault(QUERY_JAR, "query-service/target/query-service.jar")).toAbsolutePath(),
                flags(env.getOrDefault(JAVA_OPTS, DEFAULT_JAVA_OPTS)),
                flags(env.getOrDefault(COMMAND_JAVA_OPTS, DEFAULT_COMMAND_JAVA_OPTS)),
                flags(env.getOrDefault(QUERY_JAVA_OPTS, DEFAULT_QUERY_JAVA_OPTS)),
                Duration.ofSeconds(positive(env, STARTUP_TIMEOUT, 120)),
                blankToNull(env.get(DATASOURCE_URL)),
                flag(env, VERBOSE),
                nonNegative(env, RESTARTS_PER_MINUTE, 5),
                flag(env, AOT_CACHE, true),
                flag(env, PG_STAT_STATEMENTS));
    }

    private static List<String> flags(String value) {
        return Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The command service's whole set: {@code javaOpts}, then {@code commandJavaOpts}. */
    List<String> commandServiceJavaOpts() {
        return Stream.concat(javaOpts.stream(), commandJavaOpts.stream()).toList();
    }

    /** The query service's whole set: {@code javaOpts}, then {@code queryJavaOpts}. */
    List<String> queryServiceJavaOpts() {
        return Stream.concat(javaOpts.stream(), queryJavaOpts.stream()).toList();
    }

    boolean embeddedDatabase() {
        return externalDatasourceUrl == null;
    }

    Path postgresDataDir() {
        return dataDir.resolve("postgres");
    }

    Path postgresLog() {
        return dataDir.resolve("postgres.log");
    }

    Path secretsFile() {
        return dataDir.resolve(Secrets.FILE_NAME);
    }

    /** The whole output of the service called {@code name}, e.g. {@code logs/command.log}. */
    Path serviceLog(String name) {
        return dataDir.resolve("logs").resolve(name + ".log");
    }

    private static int port(Map<String, String> env, String key, int fallback) {
        int port = positive(env, key, fallback);
        if (port > 65535) {
            throw new IllegalArgumentException(key + " must be a TCP port, got " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> env, String key, int fallback) {
        return atLeast(env, key, fallback, 1, "positive");
    }

    private static int nonNegative(Map<String, String> env, String key, int fallback) {
        return atLeast(env, key, fallback, 0, "0 or more");
    }

    /** The number in {@code key}, or {@code fallback} when unset; below {@code min} it is refused as not {@code what}. */
    private static int atLeast(Map<String, String> env, String key, int fallback, int min, String what) {
        String raw = blankToNull(env.get(key));
        if (raw == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + raw + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException(key + " must be " + what + ", got " + raw);
        }
        return value;
    }

    private static boolean flag(Map<String, String> env, String key) {
        return flag(env, key, false);
    }

    private static boolean flag(Map<String, String> env, String key, boolean fallback) {
        String raw = blankToNull(env.get(key));
        if (raw == null) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new IllegalArgumentException(key + " must be 1 or 0, got '" + raw + "'");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
