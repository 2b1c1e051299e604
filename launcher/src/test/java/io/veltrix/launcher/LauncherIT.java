package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher started as {@code run.sh} starts it (its JVM flags from
 * {@code launcher/jvm-options}) on a machine that has never unpacked PostgreSQL: a fresh data
 * folder and a fresh {@code java.io.tmpdir}, so nothing a warm machine has lying around helps.
 * Then what it does when a service or PostgreSQL crashes.
 */
class LauncherIT {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(4);
    private static final String UP = "Veltrix is up";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process launcher : started) {
            if (launcher.isAlive()) {
                launcher.destroy();
                if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                    launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                    launcher.destroyForcibly();
                }
            }
        }
    }

    @Test
    void comesUpOnAFreshMachineAndAgainAfterCtrlC() throws Exception {
        Ports ports = Ports.free();

        Started first = start(ports);
        assertHealthy(ports);
        assertTrue(Files.isDirectory(dir.resolve("data/pg-binaries")), "binaries unpacked under the data folder");
        // each service holds only the secrets it uses
        String command = environment(child(first, "command-service.jar"));
        String query = environment(child(first, "query-service.jar"));
        assertTrue(command.contains("\0VELTRIX_ANSWER_KEY=") && !command.contains("\0VELTRIX_CHECKPOINT_KEY="), "command service");
        assertTrue(query.contains("\0VELTRIX_CHECKPOINT_KEY=") && !query.contains("\0VELTRIX_ANSWER_KEY="), "query service");
        assertTrue(command.contains("\0VELTRIX_DEVICE_KEY=" + secret(Secrets.DEVICE_KEY) + "\0")
                && query.contains("\0VELTRIX_DEVICE_KEY=" + secret(Secrets.DEVICE_KEY) + "\0"), "both services' device key");
        // each connects with its own database role, and neither learns the superuser's password
        assertTrue(command.contains("\0SPRING_DATASOURCE_USERNAME=veltrix_command\0"), "command service's role");
        assertTrue(query.contains("\0SPRING_DATASOURCE_USERNAME=veltrix_query\0"), "query service's role");
        assertFalse(command.contains("VELTRIX_DB_") || query.contains("VELTRIX_DB_"), "database passwords by name");
        // the launcher migrated the event store as its owner before the services started; neither
        // service holds the owner's account or its password, under any name
        assertTrue(first.output().indexOf("Event store migrated to version ") >= 0, () -> "migrated:\n" + first.output());
        String ownerPassword = secret(Secrets.DB_EVENTSTORE_PASSWORD);
        for (String service : List.of(command, query)) {
            assertFalse(service.contains("veltrix_eventstore") || service.contains("VELTRIX_EVENTSTORE_OWNER"),
                    "the event store owner's account");
            assertFalse(service.contains(ownerPassword), "the event store owner's password");
        }
        // the documented step for an external database, here on the embedded one: nothing left to do
        Process migration = migrateEventStore("jdbc:postgresql://localhost:" + ports.postgres() + "/veltrix", ownerPassword);
        String said = new String(migration.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(migration.waitFor(60, TimeUnit.SECONDS), "the migration step ends");
        assertEquals(0, migration.exitValue(), said);
        assertTrue(said.contains("Event store up to date (version "), said);
        stop(first);

        Started second = start(ports);
        assertHealthy(ports);
        assertTrue(second.output().indexOf("Event store up to date (version ") >= 0, () -> "checked:\n" + second.output());
        stop(second);
    }

    /** A value of the launcher's generated secrets file. */
    private String secret(String key) throws IOException {
        Properties secrets = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve("data").resolve(Secrets.FILE_NAME), StandardCharsets.UTF_8)) {
            secrets.load(in);
        }
        String value = secrets.getProperty(key);
        assertTrue(value != null && value.length() >= 12, key + " generated");
        return value;
    }

    @Test
    void aStartKilledWhileUnpackingAndAHalfUnpackedFolderDoNotBreakTheNextStart() throws Exception {
        Ports ports = Ports.free();
        Path binaries = dir.resolve("data/pg-binaries");

        Process killed = launch(ports);
        Path partial = awaitPartialUnpack(binaries, killed);
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(partial), "the launcher was killed while it was unpacking");
        // and what zonky's own unpacking left after an out-of-memory crash: files, a link, no marker
        String finished = partial.getFileName().toString().replace(".partial", "");
        Path half = Files.createDirectories(binaries.resolve(finished).resolve("lib"));
        Files.createSymbolicLink(half.resolve("libpq.so"), Path.of("libpq.so.5"));

        Started next = start(ports);
        assertHealthy(ports);
        stop(next);
    }

    @Test
    void aCrashedServiceIsStartedAgainWhilePostgresAndTheOtherServiceKeepRunning() throws Exception {
        Ports ports = Ports.free();
        Started up = start(ports);
        assertHealthy(ports);
        ProcessHandle command = child(up, "command-service.jar");
        ProcessHandle query = child(up, "query-service.jar");

        command.destroyForcibly(); // kill -9
        assertTrue(command.onExit().get(30, TimeUnit.SECONDS) != null);
        awaitOutput(up, "command service exited with code 137; starting it again in 1 s", 1);
        awaitOutput(up, "command service is healthy", 2);
        assertHealthy(ports);

        ProcessHandle restarted = child(up, "command-service.jar");
        assertTrue(restarted.pid() != command.pid(), "a new command service");
        assertTrue(query.isAlive(), "the query service kept running");
        assertEquals(query.pid(), child(up, "query-service.jar").pid());
        assertTrue(up.output().indexOf("Stopping") < 0, () -> "nothing was stopped:\n" + up.output());
        assertTrue(up.process().isAlive(), "the launcher kept running");
        stop(up);
    }

    @Test
    void aKilledPostgresIsStartedAgainAndTheServicesServeAgainWithoutARestart() throws Exception {
        Ports ports = Ports.free();
        Started up = start(ports);
        awaitHealthy(ports, up);
        ProcessHandle command = child(up, "command-service.jar");
        ProcessHandle query = child(up, "query-service.jar");
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("data/postgres/postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));

        postmaster.destroyForcibly(); // kill -9
        assertTrue(postmaster.onExit().get(30, TimeUnit.SECONDS) != null);
        awaitOutput(up, "PostgreSQL (pid " + pid + ") is gone; starting it again in 1 s", 1);
        awaitOutput(up, "PostgreSQL is up again", 1);
        awaitHealthy(ports, up); // both services' health includes their database connection
        assertEquals(command.pid(), child(up, "command-service.jar").pid(), "the command service was not restarted");
        assertEquals(query.pid(), child(up, "query-service.jar").pid(), "the query service was not restarted");
        assertTrue(up.output().indexOf("Stopping") < 0, () -> "nothing was stopped:\n" + up.output());
        stop(up);
    }

    /** A process's environment as Linux keeps it: NUL-separated, with a NUL put in front. */
    private static String environment(ProcessHandle process) throws IOException {
        return "\0" + Files.readString(Path.of("/proc/" + process.pid() + "/environ"), StandardCharsets.ISO_8859_1);
    }

    /** The launcher's child JVM whose command line names {@code jar}. */
    private static ProcessHandle child(Started launcher, String jar) {
        return launcher.process().children()
                .filter(p -> p.info().arguments().map(args -> Arrays.stream(args).anyMatch(a -> a.endsWith(jar)))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no child process runs " + jar));
    }

    /** Waits until the launcher has printed {@code text} {@code times} times. */
    private static void awaitOutput(Started launcher, String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        while (count(launcher.output(), text) < times) {
            if (System.nanoTime() > deadline || !launcher.process().isAlive()) {
                fail("the launcher did not print '" + text + "':\n" + launcher.output());
            }
            Thread.sleep(200);
        }
    }

    private static int count(StringBuffer output, String text) {
        int count = 0;
        for (int at = output.indexOf(text); at >= 0; at = output.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    private record Ports(int postgres, int command, int query) {
        static Ports free() throws IOException {
            return new Ports(freePort(), freePort(), freePort());
        }
    }

    private record Started(Process process, StringBuffer output, Thread reader) {
    }

    private Started start(Ports ports) throws Exception {
        Process launcher = launch(ports);
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> copy(launcher, output), "launcher-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        while (output.indexOf(UP) < 0) {
            if (!launcher.isAlive()) {
                reader.join(2000);
                fail("the launcher exited with " + launcher.exitValue() + " before it was up:\n" + output);
            }
            if (System.nanoTime() > deadline) {
                fail("the launcher was not up within " + UP_TIMEOUT + ":\n" + output);
            }
            Thread.sleep(200);
        }
        return new Started(launcher, output, reader);
    }

    /** {@code java -jar launcher.jar --migrate-event-store} on {@code url} as the event store's owner. */
    private Process migrateEventStore(String url, String ownerPassword) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", property("veltrix.launcher.jar"), "--migrate-event-store").redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("VELTRIX_") || k.startsWith("SPRING_"));
        builder.environment().put("SPRING_DATASOURCE_URL", url);
        builder.environment().put("VELTRIX_DB_EVENTSTORE_PASSWORD", ownerPassword);
        Process migration = builder.start();
        started.add(migration);
        return migration;
    }

    private Process launch(Ports ports) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(runShFlags());
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-jar");
        command.add(property("veltrix.launcher.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("VELTRIX_") || k.startsWith("SPRING_"));
        builder.environment().put("VELTRIX_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("VELTRIX_PG_PORT", Integer.toString(ports.postgres()));
        builder.environment().put("VELTRIX_COMMAND_PORT", Integer.toString(ports.command()));
        builder.environment().put("VELTRIX_QUERY_PORT", Integer.toString(ports.query()));
        builder.environment().put("VELTRIX_COMMAND_JAR", property("veltrix.command.jar"));
        builder.environment().put("VELTRIX_QUERY_JAR", property("veltrix.query.jar"));
        builder.environment().put("VELTRIX_STARTUP_TIMEOUT_SECONDS", "180");
        Process launcher = builder.start();
        started.add(launcher);
        return launcher;
    }

    /**
     * Ctrl-C, as a signal the JVM handles the same way (SIGTERM, exit status 143): the launcher
     * stops the services, then PostgreSQL.
     */
    private static void stop(Started launcher) throws InterruptedException {
        // through the handle: Process.destroy() would also close the pipe with the last lines
        launcher.process().toHandle().destroy();
        assertTrue(launcher.process().waitFor(90, TimeUnit.SECONDS), "the launcher stops within 90 s");
        launcher.reader().join(5000);
        assertEquals(143, launcher.process().exitValue(), () -> "stopped by the signal:\n" + launcher.output());
        assertTrue(launcher.output().indexOf("PostgreSQL stopped") >= 0, () -> "clean stop:\n" + launcher.output());
    }

    private void assertHealthy(Ports ports) throws Exception {
        for (int port : new int[] {ports.command(), ports.query()}) {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String service = port == ports.command() ? "command service: " : "query service: ";
            assertEquals(200, health.statusCode(), service + health.body());
            assertTrue(health.body().contains("\"UP\""), service + health.body());
        }
    }

    /** Both services healthy within 60 s; if not, the failure shows what the launcher printed meanwhile. */
    private void awaitHealthy(Ports ports, Started launcher) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                assertHealthy(ports);
                return;
            } catch (AssertionError | IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(notYet.getMessage() + "\nthe launcher printed:\n" + launcher.output(), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private static Path awaitPartialUnpack(Path binaries, Process launcher) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline && launcher.isAlive()) {
            if (Files.isDirectory(binaries)) {
                try (Stream<Path> entries = Files.list(binaries)) {
                    Optional<Path> partial = entries.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst();
                    if (partial.isPresent() && Files.exists(partial.get().resolve("lib"))) {
                        return partial.get();
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the launcher never started unpacking into " + binaries);
    }

    /** The flags run.sh starts the launcher with. */
    private static List<String> runShFlags() throws IOException {
        return Arrays.stream(Files.readString(Path.of(property("veltrix.launcher.jvm-options"))).trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is set by the launcher's pom (failsafe)");
        }
        return Path.of(value).toAbsolutePath().normalize().toString();
    }

    private static void copy(Process process, StringBuffer into) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                into.append(line).append('\n');
            }
        } catch (IOException ended) {
            // the process is gone; what it printed is in the buffer
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
