package io.veltrix.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak memory of the two services: VmRSS sampled from /proc/<pid>/status through the run, and
 * VmHWM (the kernel's own peak since the process started) at the end. Pids come from flags or
 * from whoever listens on the service's port ({@code ss -ltnp}).
 */
final class RssSampler implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> maxRssKb = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    RssSampler(Options o) {
        resolve("command", o.string("command-pid"), o.string("command-url"));
        resolve("query", o.string("query-pid"), o.string("query-url"));
        long interval = o.duration("rss-sample-interval").toMillis();
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void resolve(String service, String flag, String url) {
        Long pid = flag.isBlank() ? pidListeningOn(URI.create(url).getPort()) : Long.valueOf(flag.trim());
        if (pid != null) {
            pids.put(service, pid);
        }
    }

    /** The services' pids that were found, by service name. */
    Map<String, Long> pids() {
        return new LinkedHashMap<>(pids);
    }

    /** The pid of the process listening on a local TCP port, or null. */
    static Long pidListeningOn(int port) {
        if (port <= 0) {
            return null;
        }
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String output = new String(ss.getInputStream().readAllBytes());
            ss.waitFor(5, TimeUnit.SECONDS);
            return parsePid(output);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static Long parsePid(String ssOutput) {
        Matcher m = PID.matcher(ssOutput);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** A field of /proc/<pid>/status in kB, or -1. */
    static long statusKb(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }

    private synchronized void sample() {
        pids.forEach((service, pid) -> {
            try {
                long rss = statusKb(Files.readString(Path.of("/proc", pid.toString(), "status")), "VmRSS");
                maxRssKb.merge(service, rss, Math::max);
            } catch (IOException | RuntimeException e) {
                // the process is gone or unreadable: keep what was seen
            }
        });
    }

    synchronized Map<String, Object> report() {
        sample();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String service : new String[] {"command", "query"}) {
            Map<String, Object> entry = new LinkedHashMap<>();
            Long pid = pids.get(service);
            entry.put("pid", pid);
            if (pid == null) {
                entry.put("note", "process not found (no listener on its port; pass --" + service + "-pid)");
            } else {
                Long rss = maxRssKb.get(service);
                entry.put("maxSampledRssMiB", rss == null || rss < 0 ? null : Math.round(rss / 102.4) / 10.0);
                try {
                    long hwm = statusKb(Files.readString(Path.of("/proc", pid.toString(), "status")), "VmHWM");
                    entry.put("vmHwmMiB", Math.round(hwm / 102.4) / 10.0);
                } catch (IOException | RuntimeException e) {
                    entry.put("vmHwmMiB", null);
                }
            }
            out.put(service, entry);
        }
        return out;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
