package io.veltrix.launcher;

import io.veltrix.launcher.ServiceProcess.StartupException;
import io.veltrix.pgbinaries.BinariesUnavailable;
import io.veltrix.pgbinaries.ServiceRoles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded default: {@code java -jar launcher/target/launcher.jar} starts a durable embedded
 * PostgreSQL, then the command service and the query service as child JVMs, prints where they
 * are and how to log in, starts a service that crashes again (PostgreSQL and the other service
 * keep running) and an embedded PostgreSQL that dies again (the services keep running and
 * reconnect), and on Ctrl-C stops the services before the database. Longer than most files here:
 * starting, watching, restarting and stopping the three processes is one sequence over the same
 * handles; what can stand alone is apart ({@code Settings}, {@code Secrets}, {@code DurablePostgres},
 * {@code ServiceProcess}, {@code EventStoreMigrationStep}).
 */
public final class Launcher {

    static final String DATABASE = "veltrix";
    private static final Duration CHILD_STOP_GRACE = Duration.ofSeconds(20);

    private final Settings settings;
    private final PrintStream out = System.out;
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private volatile DurablePostgres postgres;
    private volatile String superuserPassword;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** How each running service was started: its AOT cache's training file is adopted once it has exited. */
    private final Map<ServiceProcess, AotCache.Launch> trainings = new IdentityHashMap<>();

    Launcher(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        // zonky logs through SLF4J and the launcher ships no binding: PostgreSQL's own output
        // goes to a log file instead, so silence SLF4J's "no provider" notice
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Settings settings;
        try {
            Arguments arguments = Arguments.parse(args);
            if (arguments.help()) {
                System.out.println(Arguments.HELP);
                System.exit(0);
                return;
            }
            if (arguments.migrateEventStore()) {
                System.exit(EventStoreMigrationStep.migrateFrom(System.getenv(), System.out, System.err));
                return;
            }
            settings = Settings.from(arguments.applyTo(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("veltrix: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new Launcher(settings).run());
    }

    /**
     * Runs until the JVM is asked to stop (Ctrl-C), starting a crashed service again meanwhile;
     * returns non-zero when the system could not start or a service kept crashing.
     */
    int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "veltrix-shutdown"));
        try {
            requireFreePort(settings.commandPort(), Settings.COMMAND_PORT);
            requireFreePort(settings.queryPort(), Settings.QUERY_PORT);
            Secrets secrets = Secrets.resolve(settings.secretsFile(), System.getenv(), new SecureRandom());
            Map<String, String> childEnv = new LinkedHashMap<>(secrets.asEnvironment());
            Map<String, String> commandEnv = new LinkedHashMap<>();
            Map<String, String> queryEnv = new LinkedHashMap<>();
            String datasource = startDatabase(secrets, childEnv, commandEnv, queryEnv);
            childEnv.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            childEnv.putAll(settings.pageRouting(System.getenv()));

            List<Spec> specs = List.of(
                    new Spec("command", settings.commandJar(), settings.commandPort(), Secrets.withheldFrom("command"),
                            commandEnv, settings.commandServiceJavaOpts()),
                    new Spec("query", settings.queryJar(), settings.queryPort(), Secrets.withheldFrom("query"), queryEnv,
                            settings.queryServiceJavaOpts()));
            for (Spec spec : specs) {
                startService(spec, childEnv);
            }
            printBanner(datasource, secrets);
            return supervise(specs, childEnv);
        } catch (StartupException | IOException | SQLException | RuntimeException e) {
            if (!stopping) {
                System.err.println("veltrix: could not start: " + e.getMessage());
                if (!(e instanceof StartupException)) {
                    e.printStackTrace();
                }
                stopAll();
            }
            return 1;
        }
    }

    /**
     * Starts the embedded PostgreSQL (unless the environment names another database), brings the
     * event store up to date as its owner and gives each service its own role: {@code commandEnv}
     * and {@code queryEnv} get their accounts, neither the owner's. Returns what the banner says of
     * the database.
     */
    private String startDatabase(Secrets secrets, Map<String, String> childEnv, Map<String, String> commandEnv,
                                 Map<String, String> queryEnv) throws IOException, SQLException, StartupException {
        if (!settings.embeddedDatabase()) {
            Secrets.Value commandPassword = secrets.get(Secrets.DB_COMMAND_PASSWORD);
            Secrets.Value queryPassword = secrets.get(Secrets.DB_QUERY_PASSWORD);
            boolean ownRoles = commandPassword.source() == Secrets.Source.ENVIRONMENT
                    && queryPassword.source() == Secrets.Source.ENVIRONMENT;
            Optional<EventStoreMigrationStep.Account> migrator = EventStoreMigrationStep.externalMigrator(System.getenv());
            if (migrator.isPresent()) {
                out.println(EventStoreMigrationStep.migrate(settings.externalDatasourceUrl(), migrator.get().user(),
                        migrator.get().password()));
            } else {
                out.println("Event store not migrated here (no " + Secrets.DB_EVENTSTORE_PASSWORD
                        + "): the services refuse to start if it is not up to date");
            }
            if (ownRoles) {
                // roles the operator created (README): each service connects with its own
                commandEnv.put("SPRING_DATASOURCE_USERNAME", ServiceRoles.COMMAND);
                commandEnv.put("SPRING_DATASOURCE_PASSWORD", commandPassword.value());
                queryEnv.put("SPRING_DATASOURCE_USERNAME", ServiceRoles.QUERY);
                queryEnv.put("SPRING_DATASOURCE_PASSWORD", queryPassword.value());
                return settings.externalDatasourceUrl() + "  (external, roles " + ServiceRoles.COMMAND + ", "
                        + ServiceRoles.QUERY + ")";
            }
            // the children inherit SPRING_DATASOURCE_URL/USERNAME/PASSWORD from this environment
            return settings.externalDatasourceUrl() + "  (external, from SPRING_DATASOURCE_URL)";
        }
        Files.createDirectories(settings.dataDir());
        out.println("Starting PostgreSQL on port " + settings.postgresPort() + ", data in "
                + settings.postgresDataDir() + " (log: " + settings.postgresLog() + ")");
        synchronized (lifecycle) {
            if (stopping) {
                throw new StartupException("stopped while starting");
            }
            try {
                superuserPassword = secrets.get(Secrets.DB_SUPERUSER_PASSWORD).value();
                postgres = DurablePostgres.start(settings.postgresBinariesDir(), settings.postgresDataDir(),
                        settings.postgresPort(), settings.postgresMaxConnections(), settings.postgresLog(),
                        superuserPassword, settings.postgresStatementStats());
            } catch (BinariesUnavailable e) {
                throw new StartupException(e.getMessage() + " (choose the folder with " + Settings.PG_BINARIES_DIR + ")");
            }
        }
        String url = postgres.ensureDatabase(DATABASE);
        if (settings.postgresStatementStats()) {
            postgres.enableStatementStats(DATABASE);
        }
        String commandPassword = secrets.get(Secrets.DB_COMMAND_PASSWORD).value();
        String queryPassword = secrets.get(Secrets.DB_QUERY_PASSWORD).value();
        String eventStorePassword = secrets.get(Secrets.DB_EVENTSTORE_PASSWORD).value();
        postgres.applyServiceRoles(DATABASE, new ServiceRoles.Passwords(commandPassword, queryPassword, eventStorePassword));
        out.println(EventStoreMigrationStep.migrate(url, ServiceRoles.EVENTSTORE, eventStorePassword));
        childEnv.put("SPRING_DATASOURCE_URL", url);
        commandEnv.put("SPRING_DATASOURCE_USERNAME", ServiceRoles.COMMAND);
        commandEnv.put("SPRING_DATASOURCE_PASSWORD", commandPassword);
        queryEnv.put("SPRING_DATASOURCE_USERNAME", ServiceRoles.QUERY);
        queryEnv.put("SPRING_DATASOURCE_PASSWORD", queryPassword);
        return url + "  (roles " + ServiceRoles.COMMAND + ", " + ServiceRoles.QUERY + "; passwords in the secrets file)";
    }

    /**
     * A service the launcher runs: its name, jar, port, the secrets it must not receive and the
     * variables only it receives (its database account).
     */
    private record Spec(String name, Path jar, int port, Set<String> withheld, Map<String, String> env,
                        List<String> javaOpts) {
    }

    /**
     * Waits for a service to die, and starts it again (PostgreSQL and the other service stay up)
     * after its {@link RestartPolicy}'s pause; a service that crashes too often, or a stop, ends it.
     * Returns the launcher's exit code.
     */
    private int supervise(List<Spec> specs, Map<String, String> childEnv) throws IOException {
        Map<String, RestartPolicy> policies = new LinkedHashMap<>();
        specs.forEach(spec -> policies.put(spec.name(), new RestartPolicy(settings.restartsPerMinute())));
        RestartPolicy databasePolicy = new RestartPolicy(settings.restartsPerMinute());
        while (true) {
            List<CompletableFuture<?>> exits = new ArrayList<>();
            synchronized (lifecycle) {
                services.forEach(service -> exits.add(service.onExit()));
                if (postgres != null) {
                    exits.add(postgres.onExit());
                }
            }
            CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
            if (stopping) {
                return 0;
            }
            DurablePostgres database = postgres;
            if (database != null && !database.isAlive() && !restartDatabase(database, databasePolicy)) {
                stopAll();
                return 1;
            }
            if (stopping) {
                return 0;
            }
            for (Spec spec : specs) {
                ServiceProcess dead = service(spec.name());
                if (dead == null || dead.isAlive()) {
                    continue;
                }
                if (!restart(spec, dead, policies.get(spec.name()), childEnv)) {
                    stopAll();
                    return 1;
                }
                if (stopping) {
                    return 0;
                }
            }
        }
    }

    /**
     * Starts a dead service again until it is healthy, pausing before each try as {@code policy}
     * says; false when the policy gives up (the reason is printed).
     */
    private boolean restart(Spec spec, ServiceProcess dead, RestartPolicy policy, Map<String, String> childEnv)
            throws IOException {
        dead.log().showLastLines();
        return startAgain(spec.name() + " service", "exited with code " + dead.exitValue(), dead.log().file(), policy,
                () -> {
                    try {
                        startService(spec, childEnv);
                        return null;
                    } catch (StartupException e) {
                        if (stopping) {
                            return null;
                        }
                        ServiceProcess hung = service(spec.name());
                        if (hung != null && hung.isAlive()) {
                            // alive but never healthy: it must free its port before the next try
                            hung.requestStop();
                            hung.awaitStop(System.nanoTime() + CHILD_STOP_GRACE.toNanos());
                        }
                        return e.getMessage();
                    }
                });
    }

    /**
     * Starts the embedded PostgreSQL again on its data directory after it died (a crash, or a kill:
     * PostgreSQL recovers from its write-ahead log, so every committed event is there again), pausing
     * as {@code policy} says. The services stay up meanwhile, answering 503 until they reconnect.
     * False when the policy gives up (the reason is printed).
     */
    private boolean restartDatabase(DurablePostgres dead, RestartPolicy policy) throws IOException {
        String exit = "(pid " + dead.pid() + ") is gone";
        dead.close();
        return startAgain("PostgreSQL", exit, settings.postgresLog(), policy, () -> {
            DurablePostgres started;
            try {
                // not under the lifecycle lock: crash recovery may take a while, and Ctrl-C must not wait for it
                started = DurablePostgres.start(settings.postgresBinariesDir(), settings.postgresDataDir(),
                        settings.postgresPort(), settings.postgresMaxConnections(), settings.postgresLog(),
                        superuserPassword, settings.postgresStatementStats());
            } catch (IOException | RuntimeException e) {
                return e.getMessage();
            }
            synchronized (lifecycle) {
                if (!stopping) {
                    postgres = started;
                    out.println("PostgreSQL is up again; the services reconnect by themselves");
                    return null;
                }
            }
            started.close(); // a stop began meanwhile and has already passed the database
            return null;
        });
    }

    /** One try at starting a dead part again: null when it is up (or a stop began), else why not. */
    @FunctionalInterface
    private interface StartAttempt {
        String tryStart() throws IOException;
    }

    /**
     * Starts a dead part ({@code what}, which {@code exit} says how it ended) again until it is up,
     * pausing before each try as {@code policy} says; false when the policy gives up (the reason is
     * printed, with {@code log}, where to look).
     */
    private boolean startAgain(String what, String exit, Path log, RestartPolicy policy, StartAttempt attempt)
            throws IOException {
        while (!stopping) {
            Optional<Duration> pause = policy.onCrash(System.nanoTime());
            if (pause.isEmpty()) {
                System.err.println("veltrix: " + what + " " + exit + "; " + giveUpReason(policy)
                        + "; stopping everything (its log: " + log + ")");
                return false;
            }
            System.err.println("veltrix: " + what + " " + exit + "; starting it again in " + pause.get().toSeconds()
                    + " s (failure " + policy.recentCrashes() + " within a minute; its log: " + log + ")");
            if (!pauseUnlessStopping(pause.get())) {
                return true;
            }
            String failure = attempt.tryStart();
            if (failure == null) {
                return true;
            }
            exit = "did not start again: " + failure;
        }
        return true;
    }

    private String giveUpReason(RestartPolicy policy) {
        return settings.restartsPerMinute() == 0
                ? "restarts are off (" + Settings.RESTARTS_PER_MINUTE + "=0)"
                : "it failed " + policy.recentCrashes() + " times within a minute, more than "
                        + Settings.RESTARTS_PER_MINUTE + "=" + settings.restartsPerMinute();
    }

    /** Sleeps {@code pause}; false when a stop began meanwhile. */
    private boolean pauseUnlessStopping(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        while (!stopping && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    private ServiceProcess service(String name) {
        synchronized (lifecycle) {
            return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        }
    }

    private void startService(Spec spec, Map<String, String> baseEnv) throws IOException, StartupException {
        String name = spec.name();
        Path jar = spec.jar();
        int port = spec.port();
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(name + " service jar not found at " + jar
                    + ": build it with ./mvnw -DskipTests package (./run.sh does), or set "
                    + ("command".equals(name) ? Settings.COMMAND_JAR : Settings.QUERY_JAR));
        }
        String java = javaBinary();
        AotCache.Launch launch;
        try {
            launch = AotCache.prepare(name, jar, java, Runtime.version(), spec.javaOpts(), settings.aotCache());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("stopped while preparing the " + name + " service's AOT cache");
        }
        try {
            launchService(spec, baseEnv, java, launch);
        } catch (StartupException e) {
            // a JVM that cannot start from the cache its own flags trained says so and exits
            ServiceProcess failed = service(name);
            if (!launch.usesCache() || failed == null || failed.isAlive()
                    || !failed.log().lastLinesHold(AotCache.REFUSED)) {
                throw e;
            }
            launch.refused();
            out.println("The " + name + " service's JVM could not start from its AOT cache with these JVM flags"
                    + " (the lines above): the cache is removed, and with these flags the service runs from its"
                    + " jar from now on");
            launchService(spec, baseEnv, java, AotCache.Launch.plain(jar));
        }
    }

    private void launchService(Spec spec, Map<String, String> baseEnv, String java, AotCache.Launch launch)
            throws IOException, StartupException {
        String name = spec.name();
        int port = spec.port();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(spec.javaOpts());
        command.addAll(launch.flags());
        command.add("-jar");
        command.add(launch.jar().toString());
        Map<String, String> env = new LinkedHashMap<>(baseEnv);
        env.putAll(spec.env());
        env.put("SERVER_PORT", Integer.toString(port));
        if (!System.getenv().containsKey("MALLOC_ARENA_MAX")) {
            // glibc gives every thread that allocates natively its own arena; the services'
            // dozens of threads left hundreds of MB of mostly idle arenas resident (measured)
            env.put("MALLOC_ARENA_MAX", "2");
        }
        Path logFile = settings.serviceLog(name);
        out.println("Starting " + name + " service on port " + port + " (log: " + logFile + ")"
                + (launch.training() ? "; this run trains its AOT cache, written when it stops" : ""));
        ServiceProcess service;
        synchronized (lifecycle) {
            if (stopping) {
                throw new StartupException("stopped while starting");
            }
            ServiceLog log = ServiceLog.open(name, logFile, settings.verbose(), out, String.join(" ", command));
            try {
                service = ServiceProcess.start(name, command, env, spec.withheld(), log);
            } catch (IOException | RuntimeException e) {
                log.close();
                throw e;
            }
            services.stream().filter(running -> running.name().equals(name)).forEach(trainings::remove);
            services.removeIf(running -> running.name().equals(name));
            services.add(service);
            trainings.put(service, launch);
        }
        service.onExit().thenRun(launch::adopt);
        service.awaitHealthy(URI.create("http://localhost:" + port + "/actuator/health"), settings.startupTimeout());
        out.println(name + " service is healthy");
    }

    /** Children first (they flush to the database while stopping), then PostgreSQL. Idempotent. */
    void stopAll() {
        List<ServiceProcess> toStop;
        DurablePostgres database;
        synchronized (lifecycle) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = List.copyOf(services);
            database = postgres;
        }
        if (!toStop.isEmpty()) {
            out.println("Stopping " + String.join(" and ", toStop.stream().map(ServiceProcess::name).toList())
                    + " (up to " + CHILD_STOP_GRACE.toSeconds() + " s)");
        }
        long deadline = System.nanoTime() + CHILD_STOP_GRACE.toNanos();
        toStop.forEach(ServiceProcess::requestStop);
        toStop.forEach(s -> s.awaitStop(deadline));
        List<AotCache.Launch> launches;
        synchronized (lifecycle) {
            launches = toStop.stream().map(trainings::get).filter(Objects::nonNull).toList();
        }
        // here too, not only on the exit callbacks, which may not run before the launcher's JVM ends
        launches.forEach(AotCache.Launch::adopt);
        if (database != null) {
            out.println("Stopping PostgreSQL");
            try {
                database.close();
                out.println("PostgreSQL stopped");
            } catch (IOException | RuntimeException e) {
                System.err.println("veltrix: PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private void printBanner(String datasource, Secrets secrets) {
        String command = "http://localhost:" + settings.commandPort();
        String query = "http://localhost:" + settings.queryPort();
        String line = "=".repeat(78);
        out.println(line);
        out.println(" Veltrix is up");
        out.println("   command service  " + command + "   Swagger UI " + command + "/swagger-ui.html");
        out.println("   query service    " + query + "   Swagger UI " + query + "/swagger-ui.html");
        out.println("   live board       " + query + "/");
        out.println("   database         " + datasource);
        out.println("   organizer        " + credentials(secrets, Secrets.ORGANIZER_USER, Secrets.ORGANIZER_PASSWORD));
        out.println("   auditor          " + credentials(secrets, Secrets.AUDITOR_USER, Secrets.AUDITOR_PASSWORD));
        out.println("   admin            " + credentials(secrets, Secrets.ADMIN_USER, Secrets.ADMIN_PASSWORD));
        out.println("   secrets kept in  " + secrets.file() + " (environment variables win)");
        out.println("   service logs     " + settings.serviceLog("command") + ", " + settings.serviceLog("query").getFileName());
        out.println(settings.verbose()
                ? " The console shows every line of the services."
                : " The console shows the services' warnings and errors only (--verbose: every line).");
        out.println(" Ctrl-C stops everything.");
        out.println(line);
    }

    private static String credentials(Secrets secrets, String userKey, String passwordKey) {
        Secrets.Value password = secrets.get(passwordKey);
        String shown = password.source() == Secrets.Source.ENVIRONMENT
                ? "(password from " + passwordKey + ")"
                : password.value();
        return secrets.get(userKey).value() + " / " + shown;
    }

    /** The children run on the very JVM the launcher was started with. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void requireFreePort(int port, String knob) throws StartupException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new StartupException("port " + port + " is in use (is another Veltrix still running?);"
                    + " free it or choose another with " + knob);
        }
    }
}
