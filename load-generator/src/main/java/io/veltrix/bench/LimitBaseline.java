package io.veltrix.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw PostgreSQL ceiling: N connections, each inserting one row the size of a serialized
 * event and committing, for the scenario's duration, into a scratch table dropped afterwards.
 */
final class LimitBaseline {

    static final String TABLE = "bench_limit_scratch";

    private final Options o;
    private final Errors errors;

    LimitBaseline(Options o, Errors errors) {
        this.o = o;
        this.errors = errors;
    }

    Map<String, Object> run() throws Exception {
        String url = o.string("jdbc-url");
        String user = o.string("jdbc-user");
        String password = o.string("jdbc-password");
        int connections = o.integer("limit-connections");
        int rowBytes = o.integer("limit-row-bytes");
        long durationNanos = o.duration("duration").toNanos();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jdbcUrl", url);
        out.put("connections", connections);
        out.put("rowBytes", rowBytes);
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement st = admin.createStatement()) {
            out.put("fsync", show(st, "fsync"));
            out.put("synchronousCommit", show(st, "synchronous_commit"));
            out.put("serverVersion", show(st, "server_version"));
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            st.execute("CREATE TABLE " + TABLE + " (id bigserial PRIMARY KEY, payload bytea NOT NULL)");
        }
        Latencies latency = new Latencies();
        LongAdder commits = new LongAdder();
        LongAdder failures = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + durationNanos;
        for (int c = 0; c < connections; c++) {
            int seed = c;
            Thread t = new Thread(() -> {
                byte[] payload = new byte[rowBytes];
                new Random(seed).nextBytes(payload);
                try (Connection conn = DriverManager.getConnection(url, user, password)) {
                    conn.setAutoCommit(false);
                    try (PreparedStatement insert = conn.prepareStatement("INSERT INTO " + TABLE + " (payload) VALUES (?)")) {
                        insert.setBytes(1, payload);
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            insert.executeUpdate();
                            conn.commit();
                            latency.recordNanos(System.nanoTime() - t0);
                            commits.increment();
                        }
                    }
                } catch (SQLException e) {
                    failures.increment();
                    errors.add("limit-jdbc", e.toString());
                }
            }, "limit-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        try (Connection admin = DriverManager.getConnection(url, user, password);
             Statement st = admin.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
        }
        out.put("seconds", ReportFigures.seconds(elapsed));
        out.put("commits", commits.sum());
        out.put("tps", ReportFigures.perSecond(commits.sum(), elapsed));
        out.put("failedConnections", failures.sum());
        out.put("latencyMs", latency.percentiles());
        out.put("note", "closed loop: each connection inserts one row and commits, back to back");
        return out;
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
