package io.veltrix.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every number of the launch-day scenario, as {@code --flag value} (or {@code --flag=value}); the
 * defaults are the scenario's (README, "Benchmark"). Staff credentials not given as flags come from the environment
 * ({@code VELTRIX_ORGANIZER_USER}, ...) or from the launcher's secrets file.
 */
final class Options {

    static final List<String> ALL_PHASES = List.of("seed", "stampede", "finds", "spectators", "lag", "ladder", "overload", "check",
            "replay", "limit");
    static final String DEFAULT_PHASES = "stampede,finds,spectators,lag,check,seed,replay";

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("command-url", "http://localhost:8081");
        DEFAULTS.put("query-url", "http://localhost:8082");
        DEFAULTS.put("other-command-url", "");
        DEFAULTS.put("other-query-url", "");
        DEFAULTS.put("secrets-file", "data/veltrix-secrets.properties");
        DEFAULTS.put("organizer-user", "");
        DEFAULTS.put("organizer-password", "");
        DEFAULTS.put("auditor-user", "");
        DEFAULTS.put("auditor-password", "");
        DEFAULTS.put("admin-user", "");
        DEFAULTS.put("admin-password", "");
        DEFAULTS.put("scenario", "launch-day");
        DEFAULTS.put("profile", "tuned");
        DEFAULTS.put("phases", DEFAULT_PHASES);
        DEFAULTS.put("output-dir", "bench-results");
        DEFAULTS.put("random-seed", "42");
        DEFAULTS.put("clues", "20");
        DEFAULTS.put("players", "5000");
        DEFAULTS.put("max-players", "4000");
        // team mode when above 0: that many captains create teams, the rest of each team joins (--players unused)
        DEFAULTS.put("teams", "0");
        DEFAULTS.put("team-size", "4");
        // empty: the hunt's maxTeams is --teams
        DEFAULTS.put("max-teams", "");
        DEFAULTS.put("first-finder-bonus", "0");
        DEFAULTS.put("max-wrong-attempts", "");
        DEFAULTS.put("registration-concurrency", "64");
        DEFAULTS.put("registration-retries", "10");
        DEFAULTS.put("rate", "1000");
        DEFAULTS.put("duration", "60s");
        DEFAULTS.put("ladder-start", "200");
        DEFAULTS.put("ladder-factor", "1.4");
        DEFAULTS.put("ladder-step-duration", "30s");
        DEFAULTS.put("ladder-max", "6000");
        DEFAULTS.put("slo-p99", "50ms");
        DEFAULTS.put("slo-lag-p99", "100ms");
        DEFAULTS.put("overload-factor", "2.0");
        DEFAULTS.put("overload-rate", "");
        DEFAULTS.put("overload-duration", "30s");
        DEFAULTS.put("recovery-duration", "15s");
        // a crowd over many connections: over a few, the excess would wait in the generator and the
        // service would see no overload to shed
        DEFAULTS.put("overload-connections", "1024");
        DEFAULTS.put("wrong-ratio", "0.3");
        DEFAULTS.put("duplicate-ratio", "0.02");
        DEFAULTS.put("player-rate", "8");
        DEFAULTS.put("player-burst", "16");
        DEFAULTS.put("max-in-flight", "2048");
        DEFAULTS.put("request-timeout", "30s");
        DEFAULTS.put("send-deadline", "60s");
        DEFAULTS.put("retry-until-answered", "0s");
        DEFAULTS.put("soak-window", "0s");
        DEFAULTS.put("soak-judge-memory", "true");
        DEFAULTS.put("fault", "");
        DEFAULTS.put("fault-at", "20s");
        DEFAULTS.put("fault-health-url", "");
        DEFAULTS.put("fault-timeout", "120s");
        DEFAULTS.put("fault-lag-recovery", "");
        DEFAULTS.put("sse-subscribers", "2000");
        DEFAULTS.put("sse-connect-timeout", "30s");
        DEFAULTS.put("sse-frames", "changes");
        DEFAULTS.put("board-read-rate", "2000");
        DEFAULTS.put("board-connections", "64");
        DEFAULTS.put("find-connections", "64");
        DEFAULTS.put("board-limit", "50");
        DEFAULTS.put("lag-sample-rate", "0.02");
        DEFAULTS.put("lag-poll-interval", "10ms");
        DEFAULTS.put("lag-timeout", "30s");
        DEFAULTS.put("check-timeout", "60s");
        DEFAULTS.put("board-page-size", "500");
        DEFAULTS.put("seed-events", "1000000");
        DEFAULTS.put("replay-projection", "leaderboard");
        DEFAULTS.put("replay-timeout", "600s");
        DEFAULTS.put("replay-at", "");
        DEFAULTS.put("replay-url", "");
        DEFAULTS.put("replay-start-timeout", "30s");
        DEFAULTS.put("jdbc-url", "jdbc:postgresql://localhost:54329/veltrix");
        DEFAULTS.put("jdbc-user", "postgres");
        // empty: VELTRIX_DB_SUPERUSER_PASSWORD from the environment or the launcher's secrets file, else "postgres"
        DEFAULTS.put("jdbc-password", "");
        DEFAULTS.put("limit-connections", "32");
        DEFAULTS.put("limit-row-bytes", "300");
        DEFAULTS.put("command-pid", "");
        DEFAULTS.put("query-pid", "");
        DEFAULTS.put("rss-sample-interval", "500ms");
    }

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags are --name value)");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; known: " + String.join(", ", DEFAULTS.keySet()));
            }
            values.put(name, value);
        }
        Options options = new Options(values);
        options.fillCredentials(env);
        options.phases(); // validates
        return options;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: java -jar load-generator.jar [--flag value]...\nflags and defaults:\n");
        DEFAULTS.forEach((k, v) -> text.append(String.format("  --%-26s %s%n", k, v.isEmpty() ? "(none)" : v)));
        text.append("phases: ").append(String.join(",", ALL_PHASES)).append('\n');
        text.append("also: java -jar load-generator.jar compare summary.json... (the benchmark's figures side by side, with ratios)\n");
        return text.toString();
    }

    /** Staff accounts: flag, else environment, else the launcher's secrets file. */
    private void fillCredentials(Map<String, String> env) {
        Properties stored = new Properties();
        Path file = Path.of(values.get("secrets-file"));
        if (Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                stored.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
        }
        if (values.get("jdbc-password").isEmpty()) {
            // the embedded PostgreSQL's superuser: the seeder writes events, the cost meter reads statistics
            String fromEnv = env.get("VELTRIX_DB_SUPERUSER_PASSWORD");
            values.put("jdbc-password", fromEnv != null && !fromEnv.isBlank() ? fromEnv
                    : stored.getProperty("VELTRIX_DB_SUPERUSER_PASSWORD", "postgres"));
        }
        for (String role : List.of("organizer", "auditor", "admin")) {
            for (String part : List.of("user", "password")) {
                String flag = role + "-" + part;
                String key = "VELTRIX_" + role.toUpperCase() + "_" + part.toUpperCase();
                if (values.get(flag).isEmpty()) {
                    String fromEnv = env.get(key);
                    String value = fromEnv != null && !fromEnv.isBlank() ? fromEnv : stored.getProperty(key, "");
                    if (value.isEmpty() && part.equals("user")) {
                        value = role;
                    }
                    values.put(flag, value);
                }
            }
        }
    }

    String string(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no flag --" + name);
        }
        return value;
    }

    int integer(String name) {
        try {
            return Integer.parseInt(string(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + string(name) + "'");
        }
    }

    /** An integer flag that may be left empty. */
    Integer optionalInteger(String name) {
        return string(name).isBlank() ? null : integer(name);
    }

    long longValue(String name) {
        try {
            return Long.parseLong(string(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + string(name) + "'");
        }
    }

    double ratio(String name) {
        double value;
        try {
            value = Double.parseDouble(string(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + string(name) + "'");
        }
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("--" + name + " must be between 0 and 1, got " + value);
        }
        return value;
    }

    Duration duration(String name) {
        return parseDuration(name, string(name));
    }

    /** {@code 60s}, {@code 500ms}, {@code 2m}; a bare number is seconds. */
    static Duration parseDuration(String name, String raw) {
        String text = raw.trim().toLowerCase();
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration like 60s or 500ms, got '" + raw + "'");
        }
    }

    Set<String> phases() {
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : string("phases").split(",")) {
            String p = phase.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!ALL_PHASES.contains(p)) {
                throw new IllegalArgumentException("unknown phase '" + p + "'; phases: " + String.join(",", ALL_PHASES));
            }
            phases.add(p);
        }
        return phases;
    }

    /** The flags as run, passwords masked: part of the JSON summary. */
    Map<String, String> asReported() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.replaceAll((k, v) -> k.endsWith("password") && !v.isEmpty() ? "***" : v);
        return shown;
    }
}
