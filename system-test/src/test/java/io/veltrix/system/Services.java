package io.veltrix.system;

import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import io.veltrix.testsupport.TestStaff;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two services as users run them: their jars in child JVMs, against one database, each with
 * its own least-privilege role as under the launcher.
 */
final class Services implements AutoCloseable {

    static final Map<String, String> ACCOUNTS = Map.of(
            "VELTRIX_ORGANIZER_USER", "org", "VELTRIX_ORGANIZER_PASSWORD", TestStaff.ORGANIZER_PASSWORD,
            "VELTRIX_AUDITOR_USER", "aud", "VELTRIX_AUDITOR_PASSWORD", TestStaff.AUDITOR_PASSWORD,
            "VELTRIX_ADMIN_USER", "adm", "VELTRIX_ADMIN_PASSWORD", TestStaff.ADMIN_PASSWORD,
            "VELTRIX_ANSWER_KEY", "c3lzdGVtLXRlc3Qta2V5LXN5c3RlbS10ZXN0LWtleS0xMjM0",
            "VELTRIX_DEVICE_KEY", "c3lzdGVtLXRlc3QtZGV2aWNlLWtleS1mb3ItYm90aC1zZXJ2aWNlcw==");

    final int commandPort;
    final int queryPort;
    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> settings = Map.of();

    private Services(int commandPort, int queryPort) {
        this.commandPort = commandPort;
        this.queryPort = queryPort;
    }

    static Services start(ServiceDatabase database) throws Exception {
        return start(database, null);
    }

    /**
     * As the launcher runs them: the command service lets the query service's pages post to it.
     * {@code pagesPostTo}: where the player page posts instead of the command service (a proxy in
     * front of it), or null.
     */
    static Services start(ServiceDatabase database, String pagesPostTo) throws Exception {
        return start(database, pagesPostTo, Map.of());
    }

    /** As {@link #start(ServiceDatabase, String)}, both services given {@code settings} (environment variables) too. */
    static Services start(ServiceDatabase database, String pagesPostTo, Map<String, String> settings) throws Exception {
        Services services = new Services(freePort(), freePort());
        services.settings = settings;
        try {
            // the event store's owner migrates it first, as the launcher does; no service holds its account
            EmbeddedDatabase.migrateEventStore(database);
            services.launch("command", System.getProperty("veltrix.command.jar"), services.commandPort, database.url(),
                    Map.of("VELTRIX_WEB_ALLOWED_ORIGINS", "http://localhost:" + services.queryPort,
                            "SPRING_DATASOURCE_USERNAME", database.commandUser(),
                            "SPRING_DATASOURCE_PASSWORD", database.commandPassword()));
            services.launch("query", System.getProperty("veltrix.query.jar"), services.queryPort, database.url(),
                    Map.of("VELTRIX_WEB_COMMAND_URL", pagesPostTo != null ? pagesPostTo
                            : "http://localhost:" + services.commandPort,
                            "SPRING_DATASOURCE_USERNAME", database.queryUser(),
                            "SPRING_DATASOURCE_PASSWORD", database.queryPassword()));
            return services;
        } catch (Exception | AssertionError e) {
            services.close();
            throw e;
        }
    }

    private void launch(String name, String jar, int port, String jdbcUrl, Map<String, String> env) throws Exception {
        Path logs = Path.of(System.getProperty("veltrix.logs", "target/service-logs"));
        Files.createDirectories(logs);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(ACCOUNTS);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SPRING_DATASOURCE_URL", jdbcUrl);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        builder.environment().putAll(settings);
        builder.environment().putAll(env);
        if (!new File(jar).isFile()) {
            throw new IllegalStateException("no jar at " + jar + ": build the services first");
        }
        Process process = builder.start();
        processes.add(process);
        awaitHealthy(name, process, port, logs.resolve(name + ".log"));
    }

    private static void awaitHealthy(String name, Process process, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + " service did not become healthy; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
