package io.veltrix.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fault injected during the finds phase (the fault drills): {@code --fault} is a shell command
 * (e.g. a {@code kill -9} of a service) run {@code --fault-at} after the phase starts; then
 * {@code --fault-health-url} is polled every 100 ms until it answers 200, which is when the
 * faulted part serves again (at most {@code --fault-timeout}).
 */
final class Fault {

    private static final long POLL_MILLIS = 100;

    private final String command;
    private final Duration at;
    private final URI health;
    private final Duration timeout;
    private final Errors errors;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private Thread thread;
    /** When the health URL answered 200 again after the fault (a System.nanoTime() instant); 0 until then. */
    private volatile long servingAgainAt;

    Fault(Options o, Errors errors) {
        this.command = o.string("fault");
        this.at = o.duration("fault-at");
        String url = o.string("fault-health-url");
        this.health = url.isBlank() ? null : URI.create(url);
        this.timeout = o.duration("fault-timeout");
        this.errors = errors;
    }

    /** Whether a fault was asked for. */
    boolean asked() {
        return !command.isBlank();
    }

    /** Injects the fault {@code at} after {@code startNanos} (a {@link System#nanoTime()} instant), in the background. */
    void schedule(long startNanos) {
        thread = new Thread(() -> inject(startNanos), "fault");
        thread.setDaemon(true);
        thread.start();
    }

    private void inject(long startNanos) {
        try {
            long wait = startNanos + at.toNanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long injected = System.nanoTime();
            Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            int exit = process.waitFor();
            synchronized (report) {
                report.put("command", command);
                report.put("atSeconds", round((injected - startNanos) / 1e9));
                report.put("exitCode", exit);
                if (!output.isEmpty()) {
                    report.put("output", output);
                }
            }
            System.out.printf("  fault at %.1f s: %s (exit %d)%n", (injected - startNanos) / 1e9, command, exit);
            if (exit != 0) {
                errors.add("fault-command-failed", command + " exited " + exit + ": " + output);
                return;
            }
            if (health != null) {
                awaitHealthy(injected);
            }
        } catch (IOException e) {
            errors.add("fault-command-failed", command + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy(long injected) throws InterruptedException {
        long deadline = injected + timeout.toNanos();
        int unhealthy = 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            boolean up;
            try {
                up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notListening) {
                up = false;
            }
            if (up && unhealthy > 0) {
                servingAgainAt = System.nanoTime();
                double back = (servingAgainAt - injected) / 1e9;
                synchronized (report) {
                    report.put("healthUrl", health.toString());
                    report.put("servingAgainAfterSeconds", round(back));
                }
                System.out.printf("  %s answers 200 again %.1f s after the fault%n", health, back);
                return;
            }
            if (!up) {
                unhealthy++; // a 200 before any failure: the fault has not taken effect yet
            }
            Thread.sleep(POLL_MILLIS);
        }
        errors.add("fault-not-recovered", health + " did not answer 200 within " + timeout.toSeconds() + " s of the fault");
    }

    /** When the faulted part served again (a System.nanoTime() instant), or 0 if it has not (yet). */
    long servingAgainAt() {
        return servingAgainAt;
    }

    /** What was injected and when it served again; waits for the polling to end. */
    Map<String, Object> report() throws InterruptedException {
        if (thread != null) {
            thread.join(timeout.toMillis() + at.toMillis() + 5_000);
        }
        synchronized (report) {
            return new LinkedHashMap<>(report);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
