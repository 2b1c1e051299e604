package io.veltrix.bench;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The finds phase: open-loop finds at {@code --rate} for {@code --duration}, with the spectators
 * (SSE subscribers and board reads) and the lag probe beside them when asked, and the fault,
 * mid-load replay and soak the options schedule during it.
 */
final class FindsPhase {

    private final LaunchContext context;
    private final Options options;
    private final Errors errors;
    private final CostMeter costs;

    FindsPhase(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.errors = context.errors();
        this.costs = context.costs();
    }

    /** Finds open loop at the target rate; spectators and the lag probe run alongside if asked. */
    Map<String, Map<String, Object>> run(boolean spectators, boolean lag) throws Exception {
        context.requirePlayers("no registered players: the finds phase needs the stampede");
        String queryUrl = context.queryUrl();
        String otherCommandUrl = context.otherCommandUrl();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Duration duration = options.duration("duration");
        SseSubscribers sse = null;
        RawHttp boardGets = null;
        if (spectators) {
            boolean changes = options.string("sse-frames").equals("changes");
            sse = new SseSubscribers(BoardStreams.uri(queryUrl, context.huntId(), changes),
                    options.integer("sse-subscribers"), errors);
            long t0 = System.nanoTime();
            sse.start(options.duration("sse-connect-timeout").toNanos());
            System.out.printf("  %d of %d SSE subscribers connected in %.1f s%n", sse.connected(),
                    options.integer("sse-subscribers"), ReportFigures.seconds(System.nanoTime() - t0));
            boardGets = new RawHttp("board", URI.create(queryUrl), options.integer("board-connections"),
                    options.duration("request-timeout"));
        }
        LagProbe probe = lag ? new LagProbe(context) : null;
        RawHttp findHttp = new RawHttp("finds", URI.create(context.commandUrl()), options.integer("find-connections"),
                options.duration("request-timeout"));
        RawHttp otherFindHttp = otherCommandUrl.isEmpty() ? null : new RawHttp("finds-other",
                URI.create(otherCommandUrl), options.integer("find-connections"), options.duration("request-timeout"));
        try {
            FindStream finds = new FindStream(context, findHttp, otherFindHttp, probe, options.integer("rate"), duration,
                    context.newPacer(), false);
            int boardReadRate = options.integer("board-read-rate");
            BoardReads reads = spectators && boardReadRate > 0
                    ? new BoardReads(context, boardGets, boardReadRate, duration) : null;
            CostMeter.Snapshot costStart = costs.take();
            long start = System.nanoTime() + 50_000_000L;
            Fault fault = new Fault(options, errors);
            if (fault.asked()) {
                fault.schedule(start);
            }
            MidLoadReplay replay = new MidLoadReplay(options, queryUrl, context.admin(), errors);
            if (replay.asked()) {
                if (reads != null) {
                    reads.judgeIntegrity();
                }
                replay.schedule(start);
            }
            Soak soak = new Soak(options, costs.servicePids(), errors, finds::acknowledged);
            if (soak.asked()) {
                if (probe != null) {
                    probe.feed(soak);
                }
                soak.start(start);
            }
            Thread readThread = null;
            if (reads != null) {
                readThread = new Thread(() -> reads.run(start), "board-reads");
                readThread.start();
            }
            finds.run(start);
            if (readThread != null) {
                readThread.join();
            }
            CostMeter.Snapshot costEnd = costs.take();
            Map<String, Object> report = finds.report();
            report.put("costs", costs.report(costStart, costEnd, finds.acknowledged(), "find"));
            out.put("finds", report);
            if (reads != null) {
                out.put("boardReads", reads.report());
            }
            if (probe != null) {
                out.put("lag", probe.finish());
            }
            if (fault.asked()) {
                out.put("fault", fault.report());
                if (probe != null) {
                    String limit = options.string("fault-lag-recovery");
                    out.put("lagRecovery", probe.recovery().report(fault.servingAgainAt(), options.duration("slo-lag-p99"),
                            limit.isBlank() ? null : options.duration("fault-lag-recovery"), errors));
                }
            }
            if (replay.asked()) {
                out.put("midLoadReplay", replay.report());
            }
            if (soak.asked()) {
                out.put("soak", soak.finish());
            }
        } finally {
            findHttp.close();
            if (otherFindHttp != null) {
                otherFindHttp.close();
            }
            if (sse != null) {
                sse.close();
                out.put("sse", sse.report());
            }
            if (boardGets != null) {
                boardGets.close();
            }
        }
        return out;
    }
}
