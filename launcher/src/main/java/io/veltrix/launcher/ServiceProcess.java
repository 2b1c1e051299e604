package io.veltrix.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One service running as a child JVM, its output going to its {@link ServiceLog}. */
final class ServiceProcess {

    private static final Duration HEALTH_POLL = Duration.ofMillis(500);
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    /** How long to wait for a stopped child's last lines (often the reason it stopped) to be copied. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private final String name;
    private final Process process;
    private final ServiceLog log;
    private final Thread pump;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_REQUEST_TIMEOUT).build();

    private ServiceProcess(String name, Process process, ServiceLog log, Thread pump) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pump = pump;
    }

    /**
     * Starts {@code command} with the launcher's environment plus {@code env}, without the
     * variables named in {@code withheld} (whether the launcher's environment has them or not), and
     * copies its stdout and stderr, line by line, to {@code log}, which it closes when the output ends.
     */
    static ServiceProcess start(String name, List<String> command, Map<String, String> env, Set<String> withheld,
                                ServiceLog log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().keySet().removeAll(withheld);
        Process process = builder.start();
        Thread pump = new Thread(() -> copy(process, log), name + "-output");
        pump.setDaemon(true);
        pump.start();
        return new ServiceProcess(name, process, log, pump);
    }

    /** Polls {@code health} until it answers 200; fails early when the process dies. */
    void awaitHealthy(URI health, Duration timeout) throws StartupException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(HEALTH_REQUEST_TIMEOUT).GET().build();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                drainOutput();
                log.showLastLines();
                throw new StartupException(name + " exited with code " + process.exitValue()
                        + " before it became healthy (its log: " + log.file() + ")");
            }
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens late in a Boot start; keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for " + name);
            }
            sleep(HEALTH_POLL);
        }
        log.showLastLines();
        throw new StartupException(name + " did not report healthy at " + health + " within "
                + timeout.toSeconds() + " s" + (lastStatus > 0 ? " (last status " + lastStatus + ")" : " (no answer)")
                + "; its log: " + log.file());
    }

    /** Completes when the child has exited and its output has been copied. */
    CompletableFuture<Process> onExit() {
        return process.onExit().thenApply(p -> {
            drainOutput();
            return p;
        });
    }

    String name() {
        return name;
    }

    ServiceLog log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * Asks for a graceful stop (SIGTERM); Spring Boot drains requests and commits what it has.
     * Through the handle, because Process.destroy() also closes the pipes and would cut off the
     * child's last log lines.
     */
    void requestStop() {
        process.toHandle().destroy();
    }

    /** Waits until {@code deadlineNanos} (a {@link System#nanoTime()} instant), then kills. */
    void awaitStop(long deadlineNanos) {
        try {
            long left = Math.max(0, deadlineNanos - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                System.err.println(name + " did not stop in time; killing it");
                process.toHandle().destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            drainOutput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.toHandle().destroyForcibly();
        }
    }

    private void drainOutput() {
        try {
            pump.join(OUTPUT_DRAIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Process process, ServiceLog log) {
        try (log; BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.line(line);
            }
        } catch (IOException streamClosedByExit) {
            // the JDK closes a child's pipe when it exits; its output has ended either way
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The system did not come up; the message says which part and why. */
    static final class StartupException extends Exception {
        StartupException(String message) {
            super(message);
        }
    }
}
