package io.veltrix.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A long finds phase watched window by window ({@code --soak-window}): each service's resident
 * memory, threads and open file descriptors, PostgreSQL's backends for the database, the lag p99
 * of the window, and the finds acknowledged and errors so far. The report says whether memory
 * stayed flat after the first window (the warm-up) and what leaked between the first and the last
 * window.
 */
final class Soak {

    /** Resident memory may move this much (of its lowest after the warm-up) and still count as flat. */
    static final double FLAT = 0.10;

    private final long windowNanos;
    /** Whether resident memory must stay flat (a soak), or is only reported (drills that kill processes). */
    private final boolean judgeMemory;
    private final Map<String, Long> pids;
    private final Options o;
    private final Errors errors;
    private final LongSupplier acknowledged;
    private final AtomicReference<Latencies> lag = new AtomicReference<>(new Latencies());
    private final List<Map<String, Object>> windows = new ArrayList<>();
    private Thread thread;
    private volatile boolean running = true;

    Soak(Options o, Map<String, Long> pids, Errors errors, LongSupplier acknowledged) {
        this.o = o;
        this.windowNanos = o.duration("soak-window").toNanos();
        this.judgeMemory = o.bool("soak-judge-memory");
        this.pids = pids;
        this.errors = errors;
        this.acknowledged = acknowledged;
    }

    boolean asked() {
        return windowNanos > 0;
    }

    /** The lag of one acknowledged find, counted in the current window. */
    void lag(long nanos) {
        lag.get().recordNanos(nanos);
    }

    void start(long startNanos) {
        thread = new Thread(() -> {
            long next = startNanos;
            windows.add(sample(0));
            while (running) {
                next += windowNanos;
                long wait = next - System.nanoTime();
                try {
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (!running) {
                    return;
                }
                Map<String, Object> window = sample((System.nanoTime() - startNanos) / 1e9);
                synchronized (windows) {
                    windows.add(window);
                }
                System.out.println("  soak " + window);
            }
        }, "soak");
        thread.setDaemon(true);
        thread.start();
    }

    private Map<String, Object> sample(double atSeconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("atSeconds", Math.round(atSeconds));
        pids.forEach((service, pid) -> {
            Path proc = Path.of("/proc", pid.toString());
            try {
                String status = Files.readString(proc.resolve("status"));
                out.put(service + "RssMiB", Math.round(RssSampler.statusKb(status, "VmRSS") / 102.4) / 10.0);
                out.put(service + "Threads", threads(status));
                try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                    out.put(service + "Fds", fds.count());
                }
            } catch (IOException | RuntimeException e) {
                out.put(service + "RssMiB", null);
            }
        });
        out.put("postgresBackends", backends());
        Latencies window = lag.getAndSet(new Latencies());
        out.put("lagP99Ms", window.snapshot().getTotalCount() == 0 ? null : Latencies.percentiles(window.snapshot()).get("p99"));
        out.put("findsAcknowledged", acknowledged.getAsLong());
        out.put("errors", errors.count());
        return out;
    }

    private static long threads(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring("Threads:".length()).trim());
            }
        }
        return -1;
    }

    private Long backends() {
        String url = o.string("jdbc-url");
        try (Connection c = DriverManager.getConnection(url, o.string("jdbc-user"), o.string("jdbc-password"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return null;
        }
    }

    /** Stops sampling (after one last window) and judges the series. */
    Map<String, Object> finish() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
        List<Map<String, Object>> series;
        synchronized (windows) {
            windows.add(sample(-1));
            series = new ArrayList<>(windows);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("windowSeconds", windowNanos / 1_000_000_000L);
        out.put("windows", series);
        if (series.size() >= 3) {
            Map<String, Object> first = series.get(1); // after the first window: the warm-up
            Map<String, Object> last = series.get(series.size() - 1);
            for (String service : pids.keySet()) {
                double lowest = Double.MAX_VALUE;
                double highest = 0;
                for (Map<String, Object> w : series.subList(1, series.size())) {
                    if (w.get(service + "RssMiB") instanceof Double rss) {
                        lowest = Math.min(lowest, rss);
                        highest = Math.max(highest, rss);
                    }
                }
                double growth = lowest == Double.MAX_VALUE ? Double.NaN : (highest - lowest) / lowest;
                out.put(service + "RssSpreadAfterWarmup", Math.round(growth * 1000) / 1000.0);
                if (judgeMemory && !(growth <= FLAT)) {
                    errors.add("soak-rss-not-flat", service + " resident memory moved " + Math.round(growth * 100)
                            + " % after the warm-up (lowest " + lowest + " MiB, highest " + highest + " MiB)");
                }
                out.put(service + "Threads", List.of(first.get(service + "Threads"), last.get(service + "Threads")));
                out.put(service + "Fds", List.of(first.get(service + "Fds"), last.get(service + "Fds")));
            }
            out.put("postgresBackends", List.of(first.get("postgresBackends"), last.get("postgresBackends")));
        }
        return out;
    }
}
