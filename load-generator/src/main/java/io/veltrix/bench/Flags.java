package io.veltrix.bench;

import static io.veltrix.bench.FlagKind.BOOLEAN;
import static io.veltrix.bench.FlagKind.DURATION;
import static io.veltrix.bench.FlagKind.INTEGER;
import static io.veltrix.bench.FlagKind.LONG;
import static io.veltrix.bench.FlagKind.NUMBER;
import static io.veltrix.bench.FlagKind.OPTIONAL_DURATION;
import static io.veltrix.bench.FlagKind.OPTIONAL_INTEGER;
import static io.veltrix.bench.FlagKind.OPTIONAL_NUMBER;
import static io.veltrix.bench.FlagKind.PHASES;
import static io.veltrix.bench.FlagKind.PID;
import static io.veltrix.bench.FlagKind.RATIO;
import static io.veltrix.bench.FlagKind.SSE_FRAMES;
import static io.veltrix.bench.FlagKind.TEXT;

import java.util.List;

/**
 * Every flag of the load generator, {@code --name value}: its default (the launch-day scenario's
 * numbers, README "Benchmark"), how its value reads, and its line of help. An empty default is
 * "none": the help says what stands in for it.
 */
final class Flags {

    static final String DEFAULT_PHASES = "stampede,finds,spectators,lag,check,seed,replay";

    record Flag(String name, String defaultValue, FlagKind kind, String help) {
    }

    static final List<Flag> ALL = List.of(
            // the system under test and who logs in to it
            new Flag("command-url", "http://localhost:8081", TEXT, "the command service"),
            new Flag("query-url", "http://localhost:8082", TEXT, "the query service"),
            new Flag("other-command-url", "", TEXT,
                    "a second command service: finds alternate between the two (a resent one goes to the other)"),
            new Flag("other-query-url", "", TEXT, "a second query service, whose board the check compares too"),
            new Flag("secrets-file", "data/veltrix-secrets.properties", TEXT,
                    "the launcher's secrets file: staff credentials and the database password not given as flags or"
                            + " in the environment"),
            new Flag("organizer-user", "", TEXT, "empty: VELTRIX_ORGANIZER_USER, else the secrets file, else organizer"),
            new Flag("organizer-password", "", TEXT, "empty: VELTRIX_ORGANIZER_PASSWORD, else the secrets file"),
            new Flag("auditor-user", "", TEXT, "empty: VELTRIX_AUDITOR_USER, else the secrets file, else auditor"),
            new Flag("auditor-password", "", TEXT, "empty: VELTRIX_AUDITOR_PASSWORD, else the secrets file"),
            new Flag("admin-user", "", TEXT, "empty: VELTRIX_ADMIN_USER, else the secrets file, else admin"),
            new Flag("admin-password", "", TEXT, "empty: VELTRIX_ADMIN_PASSWORD, else the secrets file"),
            // the run
            new Flag("scenario", "launch-day", TEXT, "the scenario's name in the summary"),
            new Flag("profile", "tuned", TEXT, "the services' profile, as the summary and its file name say it"),
            new Flag("phases", DEFAULT_PHASES, PHASES, "the phases to run, of " + String.join(",", FlagKind.ALL_PHASES)),
            new Flag("output-dir", "bench-results", TEXT, "where the JSON summary is written"),
            new Flag("random-seed", "42", LONG, "seed of every random choice (players, answers, seeded events)"),
            // the hunt and its players
            new Flag("clues", "20", INTEGER, "clues of the hunt"),
            new Flag("players", "5000", INTEGER, "registrations of the stampede (solo hunt)"),
            new Flag("max-players", "4000", INTEGER, "the hunt's maxPlayers"),
            new Flag("teams", "0", INTEGER,
                    "team mode when above 0: that many captains create teams, the rest of each team joins"
                            + " (--players unused)"),
            new Flag("team-size", "4", INTEGER, "the hunt's teamSize"),
            new Flag("max-teams", "", OPTIONAL_INTEGER, "the hunt's maxTeams; empty: --teams"),
            new Flag("first-finder-bonus", "0", INTEGER, "the hunt's firstFinderBonus"),
            new Flag("max-wrong-attempts", "", OPTIONAL_INTEGER, "the hunt's maxWrongAttempts; empty: the service's default"),
            new Flag("registration-concurrency", "64", INTEGER, "registrations in flight during the stampede"),
            new Flag("registration-retries", "10", INTEGER, "times a shed registration is resent after its Retry-After"),
            // finds
            new Flag("rate", "1000", INTEGER, "finds per second offered (open loop)"),
            new Flag("duration", "60s", DURATION, "how long finds are sent"),
            new Flag("wrong-ratio", "0.3", RATIO, "share of finds with a wrong answer"),
            new Flag("duplicate-ratio", "0.02", RATIO, "share of finds sent again with the same Idempotency-Key"),
            new Flag("player-rate", "8", NUMBER, "finds per second one player (one team) sends at most"),
            new Flag("player-burst", "16", INTEGER, "finds one player (one team) may send at once"),
            new Flag("max-in-flight", "2048", INTEGER, "requests of one stream in flight at most"),
            // a crowd's phones, each its own connection: over a few, finds beyond them would wait in
            // the generator, and the service would neither see nor shed an overload (connections
            // are opened only as the finds in flight need them)
            new Flag("find-connections", "1024", INTEGER, "connections the finds are sent over"),
            new Flag("request-timeout", "30s", DURATION, "how long one request may wait for its answer"),
            new Flag("send-deadline", "60s", DURATION,
                    "requests still unsent this long after their phase's end are given up and counted as errors"),
            new Flag("retry-until-answered", "0s", DURATION,
                    "resend a find that got no answer (refused, 5xx, shed) with its key for up to this long; 0s: never"),
            // the capacity ladder and overload
            new Flag("ladder-start", "200", NUMBER, "the ladder's first offered rate, finds/s"),
            new Flag("ladder-factor", "1.4", NUMBER, "each ladder step offers this many times the previous"),
            new Flag("ladder-step-duration", "30s", DURATION, "how long each ladder step lasts"),
            new Flag("ladder-max", "6000", NUMBER, "the ladder's highest offered rate, finds/s"),
            new Flag("ladder-settle", "15s", DURATION,
                    "finds at the first rate before the first step, not judged: the JIT and the stampede's aftermath settle"),
            new Flag("ladder-refine", "2", INTEGER,
                    "after the first broken step, at most this many steps between the highest rate that held and the lowest"
                    + " that broke (their geometric mean), each after --ladder-settle at its rate when the one before broke; 0: none"),
            new Flag("slo-p99", "50ms", DURATION, "the SLO: finds' p99 (corrected) at most this"),
            new Flag("slo-lag-p99", "100ms", DURATION, "the SLO: lag p99 at most this"),
            new Flag("overload-factor", "2.0", NUMBER, "the overload offers this many times the capacity at SLO"),
            new Flag("overload-rate", "", OPTIONAL_NUMBER, "the overload's rate, finds/s; empty: --overload-factor"),
            new Flag("overload-duration", "30s", DURATION, "how long the overload lasts"),
            new Flag("recovery-duration", "15s", DURATION, "how long the recovery step at capacity lasts"),
            // a crowd over many connections: over a few, the excess would wait in the generator and the
            // service would see no overload to shed
            new Flag("overload-connections", "1024", INTEGER, "connections the overload is sent over"),
            // long runs and faults
            new Flag("soak-window", "0s", DURATION,
                    "watch resources, lag and errors window by window of this length; 0s: no soak report"),
            new Flag("soak-judge-memory", "true", BOOLEAN,
                    "whether resident memory moving over 10 % after the first window is an error"),
            new Flag("fault", "", TEXT, "a shell command that injects a fault during the finds; empty: none"),
            new Flag("fault-at", "20s", DURATION, "when into the finds the fault is injected"),
            new Flag("fault-health-url", "", TEXT, "polled after the fault until it answers 200 again"),
            new Flag("fault-timeout", "120s", DURATION, "how long the fault's health URL may take to answer 200"),
            new Flag("fault-lag-recovery", "", OPTIONAL_DURATION,
                    "the lag p99 must be within the SLO this long after the service serves again; empty: not judged"),
            // spectators and the lag probe
            new Flag("sse-subscribers", "2000", INTEGER, "SSE streams of the leaderboard"),
            new Flag("sse-connect-timeout", "30s", DURATION, "how long the streams may take to connect"),
            new Flag("sse-frames", "changes", SSE_FRAMES,
                    "changes: the whole board once, then what changed; boards: every board whole"),
            new Flag("board-read-rate", "2000", INTEGER, "board reads per second"),
            new Flag("board-connections", "64", INTEGER, "connections the board reads are sent over"),
            new Flag("board-limit", "50", INTEGER, "entries of each board read"),
            new Flag("lag-sample-rate", "0.02", RATIO, "share of finds whose lag (2xx to visible) is probed"),
            new Flag("lag-poll-interval", "10ms", DURATION, "how often the lag probe polls a player's view"),
            new Flag("lag-timeout", "30s", DURATION, "a probed find not visible after this long is an error"),
            // the check
            new Flag("check-timeout", "60s", DURATION, "how long the board may take to show every acknowledged find"),
            new Flag("board-page-size", "500", INTEGER, "entries per page of the check's board reads"),
            // seed and replay
            new Flag("seed-events", "1000000", LONG, "events the seed phase writes straight into the event store"),
            new Flag("replay-projection", "leaderboard", TEXT, "the projection replayed"),
            new Flag("replay-timeout", "600s", DURATION, "how long a replay may take to catch up"),
            new Flag("replay-at", "", OPTIONAL_DURATION, "ask for a replay this long into the finds; empty: none"),
            new Flag("replay-url", "", TEXT, "the query service asked for that replay; empty: --query-url"),
            new Flag("replay-start-timeout", "30s", DURATION, "how long that replay may take to start"),
            // the limit baseline and the database
            new Flag("jdbc-url", "jdbc:postgresql://localhost:54329/veltrix", TEXT,
                    "the database the seed phase writes to, the cost meter reads and the limit measures"),
            new Flag("jdbc-user", "postgres", TEXT, "its superuser"),
            new Flag("jdbc-password", "", TEXT,
                    "empty: VELTRIX_DB_SUPERUSER_PASSWORD from the environment, else the secrets file, else postgres"),
            new Flag("limit-connections", "32", INTEGER, "JDBC connections of the limit baseline"),
            new Flag("limit-row-bytes", "300", INTEGER, "bytes of each row the limit baseline inserts"),
            // what the run costs
            new Flag("command-pid", "", PID, "the command service's process; empty: the one listening on its URL's port"),
            new Flag("query-pid", "", PID, "the query service's process; empty: the one listening on its URL's port"),
            new Flag("rss-sample-interval", "500ms", DURATION, "how often the services' resident memory is sampled"));

    private Flags() {
    }
}
