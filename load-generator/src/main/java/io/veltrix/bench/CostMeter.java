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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Unit costs of a phase: CPU time of the command service, the query service and PostgreSQL (the
 * postmaster and every process below it) from /proc/<pid>/stat, and the database's committed
 * transactions from pg_stat_database, read at the phase's start and end and divided by what the
 * phase got acknowledged. The generator's own CPU is reported beside, never in the total.
 */
final class CostMeter implements AutoCloseable {

    /**
     * PostgreSQL publishes a backend's counters at most about once a second (and an idle backend's
     * within about a second): a snapshot waits this long after the load stopped, so the counters
     * it reads include the phase's last transactions.
     */
    static final long SETTLE_MILLIS = 1100;

    /** The fields of /proc/<pid>/stat this needs; times in clock ticks. */
    record ProcStat(long ppid, long utime, long stime, long cutime, long cstime) {
        /** CPU of the process and of its children it has waited for (a backend that exited is in its postmaster's). */
        long ticks() {
            return utime + stime + cutime + cstime;
        }
    }

    /** The services' pids, by service name. */
    Map<String, Long> servicePids() {
        return new LinkedHashMap<>(servicePids);
    }

    /** What was read at one moment; absent figures are null. */
    record Snapshot(long nanos, Map<String, Long> ticks, Long commits, Long walSyncs, Long nextXid, long ownQueriesBefore) {
    }

    private final Options o;
    private final Map<String, Long> roots = new LinkedHashMap<>();
    private final Map<String, Long> servicePids;
    private final long ticksPerSecond;
    private final List<String> notes = new ArrayList<>();
    private Connection jdbc;
    private boolean jdbcFailed;
    private boolean walSyncUnavailable;
    private long ownQueries;

    CostMeter(Options o, Map<String, Long> servicePids) {
        this.o = o;
        this.servicePids = Map.copyOf(servicePids);
        roots.putAll(servicePids);
        this.ticksPerSecond = clockTicks();
        Long postmaster = postmaster();
        if (postmaster != null) {
            roots.put("postgres", postmaster);
        } else {
            notes.add("PostgreSQL's postmaster not found (not local, or --jdbc-url unreachable): its CPU is not counted");
        }
        roots.put("generator", ProcessHandle.current().pid());
    }

    /** Parses /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses, so fields are counted after the last ')'. */
    static ProcStat parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        // after ')': state(3) ppid(4) pgrp(5) session(6) tty_nr(7) tpgid(8) flags(9) minflt(10)
        // cminflt(11) majflt(12) cmajflt(13) utime(14) stime(15) cutime(16) cstime(17)
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        return new ProcStat(Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[13]), Long.parseLong(f[14]));
    }

    /** Ticks of each root and the processes below it, a root's subtree stopping at any other root. */
    static Map<String, Long> treeTicks(Map<String, Long> roots, Map<Long, ProcStat> processes) {
        Map<Long, List<Long>> children = new HashMap<>();
        processes.forEach((pid, stat) -> children.computeIfAbsent(stat.ppid(), p -> new ArrayList<>()).add(pid));
        Map<String, Long> out = new LinkedHashMap<>();
        roots.forEach((name, root) -> {
            if (!processes.containsKey(root)) {
                return; // gone: no figure rather than a wrong one
            }
            long ticks = 0;
            List<Long> todo = new ArrayList<>(List.of(root));
            while (!todo.isEmpty()) {
                long pid = todo.remove(todo.size() - 1);
                ticks += processes.get(pid).ticks();
                for (long child : children.getOrDefault(pid, List.of())) {
                    if (!roots.containsValue(child)) {
                        todo.add(child);
                    }
                }
            }
            out.put(name, ticks);
        });
        return out;
    }

    private static Map<Long, ProcStat> allProcesses() {
        Map<Long, ProcStat> out = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.forEach(dir -> {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    return;
                }
                try {
                    out.put(Long.parseLong(name), parse(Files.readString(dir.resolve("stat"))));
                } catch (IOException | RuntimeException e) {
                    // exited while listed, or unreadable
                }
            });
        } catch (IOException e) {
            // no /proc: no CPU figures
        }
        return out;
    }

    /** The kernel's clock ticks per second (USER_HZ) from getconf; 100, Linux's value everywhere, if that fails. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** The postmaster: the parent of the backend serving this generator's connection, or whoever listens on the JDBC port. */
    private Long postmaster() {
        try {
            long backend = queryLong("SELECT pg_backend_pid()");
            Path stat = Path.of("/proc", Long.toString(backend), "stat");
            if (Files.isReadable(stat)) {
                return parse(Files.readString(stat)).ppid();
            }
        } catch (SQLException | IOException | RuntimeException e) {
            // fall back to the port
        }
        try {
            String url = o.string("jdbc-url");
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            return RssSampler.pidListeningOn(uri.getPort() > 0 ? uri.getPort() : 5432);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private long queryLong(String sql) throws SQLException {
        if (jdbc == null) {
            if (jdbcFailed) {
                throw new SQLException("no connection");
            }
            try {
                jdbc = DriverManager.getConnection(o.string("jdbc-url"), o.string("jdbc-user"), o.string("jdbc-password"));
                jdbc.setAutoCommit(true);
            } catch (SQLException e) {
                jdbcFailed = true;
                notes.add("no commit counts: " + e.getMessage());
                throw e;
            }
        }
        ownQueries++;
        try (Statement s = jdbc.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Waits for PostgreSQL to publish its counters, then reads CPU times and commit counts. */
    synchronized Snapshot take() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long before = ownQueries;
        Long commits = null;
        Long walSyncs = null;
        Long nextXid = null;
        try {
            commits = queryLong("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        } catch (SQLException e) {
            // reported as absent
        }
        if (commits != null && !walSyncUnavailable) {
            try {
                walSyncs = queryLong("SELECT wal_sync FROM pg_stat_wal");
            } catch (SQLException e) {
                walSyncUnavailable = true; // before PostgreSQL 14, or after 17 (moved to pg_stat_io)
                ownQueries--; // a failed query rolls back: it commits nothing
            }
        }
        if (commits != null) {
            try {
                // the next transaction id to be assigned; reading it assigns none (txid_current() would)
                nextXid = queryLong("SELECT txid_snapshot_xmax(txid_current_snapshot())");
            } catch (SQLException e) {
                ownQueries--;
            }
        }
        return new Snapshot(System.nanoTime(), treeTicks(roots, allProcesses()), commits, walSyncs, nextXid, before);
    }

    /** CPU-ms and commits between two snapshots, per {@code units} acknowledged. */
    Map<String, Object> report(Snapshot a, Snapshot b, long units, String unit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unit", "acknowledged " + unit);
        out.put("acknowledged", units);
        out.put("seconds", ReportFigures.seconds(b.nanos() - a.nanos()));
        Map<String, Object> cpuMs = new LinkedHashMap<>();
        Map<String, Object> perUnit = new LinkedHashMap<>();
        double total = 0;
        boolean complete = true;
        for (String name : List.of("command", "query", "postgres", "generator")) {
            Long t0 = a.ticks().get(name);
            Long t1 = b.ticks().get(name);
            if (t0 == null || t1 == null) {
                cpuMs.put(name, null);
                perUnit.put(name, null);
                if (!name.equals("generator")) {
                    complete = false;
                }
                continue;
            }
            double ms = (t1 - t0) * 1000.0 / ticksPerSecond;
            cpuMs.put(name, round(ms, 0));
            perUnit.put(name, per(ms, units));
            if (!name.equals("generator")) {
                total += ms;
            }
        }
        perUnit.put("total", complete ? per(total, units) : null);
        out.put("cpuMsPerUnit", perUnit);
        out.put("cpuMs", cpuMs);
        out.put("cpuMsTotal", complete ? round(total, 0) : null);
        if (a.commits() != null && b.commits() != null) {
            long own = b.ownQueriesBefore() - a.ownQueriesBefore();
            long commits = b.commits() - a.commits() - own;
            out.put("commits", commits);
            out.put("commitsPerUnit", per(commits, units));
            out.put("generatorCommitsExcluded", own);
        }
        if (a.nextXid() != null && b.nextXid() != null) {
            long writes = b.nextXid() - a.nextXid();
            out.put("writeTransactions", writes);
            out.put("writeTransactionsPerUnit", per(writes, units));
        }
        if (a.walSyncs() != null && b.walSyncs() != null) {
            long syncs = b.walSyncs() - a.walSyncs();
            out.put("walSyncs", syncs);
            out.put("walSyncsPerUnit", per(syncs, units));
        }
        out.put("pids", new LinkedHashMap<>(roots));
        List<String> text = new ArrayList<>(notes);
        text.add("CPU from /proc/<pid>/stat (utime+stime+cutime+cstime, " + ticksPerSecond + " ticks/s) of each process and all below it;"
                + " total = command + query + postgres, the generator apart; commits = pg_stat_database.xact_commit of the"
                + " database (every committed transaction of both services, read-only ones included) less the generator's own"
                + " reads; writeTransactions = transaction ids PostgreSQL assigned (one per transaction or savepoint that"
                + " wrote, committed or not: the commits that must reach the disk; read-only ones get none);"
                + " walSyncs = pg_stat_wal.wal_sync (WAL flushes to disk, one serving every commit waiting)");
        out.put("note", String.join("; ", text));
        return out;
    }

    private static Double per(double value, long units) {
        return units <= 0 ? null : round(value / units, 4);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    @Override
    public void close() {
        if (jdbc != null) {
            try {
                jdbc.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
