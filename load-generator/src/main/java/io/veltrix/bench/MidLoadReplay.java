package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A projection replay asked for during the finds phase ({@code --replay-at}), as an admin would
 * during a live hunt: {@code POST /api/admin/projections/{name}/replay} on {@code --replay-url}
 * (the query service by default; during a restart it is asked again every 500 ms for up to
 * {@code --replay-start-timeout}), then its status polled until it has caught up. While it runs
 * the board reads check that no board is served as complete when it is not (see
 * {@link BoardIntegrity}).
 */
final class MidLoadReplay {

    private static final long POLL_MILLIS = 200;
    private static final long RETRY_MILLIS = 500;

    private final String base;
    private final Duration at;
    private final Duration startTimeout;
    private final Duration timeout;
    private final String admin;
    private final Duration requestTimeout;
    private final Errors errors;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private Thread thread;

    MidLoadReplay(Options o, String queryUrl, String admin, Errors errors) {
        String url = o.string("replay-url");
        this.base = (url.isBlank() ? queryUrl : url) + "/api/admin/projections/" + o.string("replay-projection");
        String when = o.string("replay-at");
        this.at = when.isBlank() ? null : o.duration("replay-at");
        this.startTimeout = o.duration("replay-start-timeout");
        this.timeout = o.duration("replay-timeout");
        this.admin = admin;
        this.requestTimeout = o.duration("request-timeout");
        this.errors = errors;
    }

    boolean asked() {
        return at != null;
    }

    /** Asks for the replay {@code at} after {@code startNanos}, in the background. */
    void schedule(long startNanos) {
        thread = new Thread(() -> run(startNanos), "mid-load-replay");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(long startNanos) {
        Http http = new Http("mid-load-replay", requestTimeout, 1);
        try {
            long wait = startNanos + at.toNanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long asked = System.nanoTime();
            HttpResponse<String> started = start(http, asked);
            if (started == null) {
                return;
            }
            put("askedAtSeconds", round((asked - startNanos) / 1e9));
            put("startStatus", started.statusCode());
            System.out.printf("  replay of %s asked at %.1f s: %d%n", base, (asked - startNanos) / 1e9, started.statusCode());
            if (started.statusCode() != 202) {
                errors.add("mid-load-replay-start", started.statusCode() + " " + Http.abbreviate(started.body()));
                return;
            }
            awaitCaughtUp(http, asked);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.close();
        }
    }

    /** The answer to the replay request, retried while the service is down or unavailable; null after the timeout. */
    private HttpResponse<String> start(Http http, long asked) throws InterruptedException {
        String last = null;
        while (System.nanoTime() - asked < startTimeout.toNanos()) {
            try {
                HttpResponse<String> response = http.post(base + "/replay", admin, null);
                if (response.statusCode() != 503) {
                    return response;
                }
                last = "503";
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(RETRY_MILLIS);
        }
        errors.add("mid-load-replay-start", "not accepted within " + startTimeout.toSeconds() + " s (last: " + last + ")");
        return null;
    }

    private void awaitCaughtUp(Http http, long asked) throws InterruptedException {
        JsonNode last = null;
        boolean sawReplaying = false;
        while (System.nanoTime() - asked < timeout.toNanos()) {
            Thread.sleep(POLL_MILLIS);
            try {
                HttpResponse<String> s = http.get(base + "/status", admin);
                if (s.statusCode() != 200) {
                    continue;
                }
                last = Http.parse(s.body());
            } catch (IOException e) {
                continue;
            }
            String state = last.path("state").asText();
            if ("REPLAYING".equals(state)) {
                sawReplaying = true;
            } else if ("CAUGHT_UP".equals(state) && (sawReplaying || last.path("processed").asLong() > 0)) {
                double took = (System.nanoTime() - asked) / 1e9;
                put("caughtUpAfterSeconds", round(took));
                put("processed", last.path("processed").asLong());
                System.out.printf("  replay caught up %.1f s after it was asked (%d events)%n", took,
                        last.path("processed").asLong());
                return;
            }
        }
        errors.add("mid-load-replay-timeout", "not caught up within " + timeout.toSeconds() + " s"
                + (last == null ? "" : " (last status " + Http.abbreviate(last.toString()) + ")"));
    }

    private void put(String key, Object value) {
        synchronized (report) {
            report.put(key, value);
        }
    }

    /** What was asked and when it caught up; waits for the replay to end. */
    Map<String, Object> report() throws InterruptedException {
        if (thread != null) {
            thread.join(at.toMillis() + startTimeout.toMillis() + timeout.toMillis() + 5_000);
        }
        synchronized (report) {
            return new LinkedHashMap<>(report);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
