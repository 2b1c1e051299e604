package io.veltrix.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.veltrix.query.Projections;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import io.veltrix.query.replay.ProjectionReplays;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Server-sent boards, coalesced: every tick, for each hunt somebody watches, one cheap version
 * check; if the board changed, one snapshot is read, encoded once as a whole board and once as its
 * change from the last one, and offered to every watcher's non-blocking {@link LiveStream}. A burst
 * of a thousand finds within a tick is one update, a thousand watchers cost one query and two
 * encodings, and no watcher's socket can hold the tick up. Watchers that keep the board themselves
 * get the change (a few lines and the new finds instead of the whole top of the board: the writes
 * to thousands of sockets are the stream's main cost).
 */
@Component
public class LiveBoards implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(LiveBoards.class);
    private static final byte[] BOARD_PREFIX = "event:board\ndata:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANGE_PREFIX = "event:change\ndata:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Leaderboards leaderboards;
    private final ObjectMapper json;
    private final ProjectionReplays replays;
    private final int top;
    private final int recent;
    private final long streamTimeoutMillis;
    private final Map<String, Hub> hubs = new ConcurrentHashMap<>();
    private final Fanout fanout;
    private volatile Timer fanoutTimer;
    private volatile Counter fanoutCpu;
    // Read and written by the tick only: the earliest time of the next update (see tick()).
    private long nextUpdateNanos = System.nanoTime();

    public LiveBoards(Leaderboards leaderboards, ObjectMapper json, ProjectionReplays replays,
                      @Value("${veltrix.live.top}") int top,
                      @Value("${veltrix.live.recent-finds}") int recent,
                      @Value("${veltrix.live.emitter-timeout-ms}") long streamTimeoutMillis,
                      @Value("${veltrix.live.fanout-threads}") int fanoutThreads,
                      @Value("${veltrix.live.fanout-cpu-share}") double fanoutCpuShare) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.replays = replays;
        this.top = top;
        this.recent = recent;
        this.streamTimeoutMillis = streamTimeoutMillis;
        this.fanout = new Fanout(fanoutThreads, fanoutCpuShare);
    }

    /**
     * One watched hunt: its last board and the streams watching it. Joining and publishing hold
     * the hub's lock, so a new watcher gets the board that the next change starts from.
     */
    private static final class Hub {
        final Set<LiveStream> watchers = ConcurrentHashMap.newKeySet();
        volatile long sentVersion = Long.MIN_VALUE;
        private LiveBoard board;
        private byte[] whole;

        synchronized boolean hasBoard() {
            return board != null;
        }

        synchronized void join(LiveStream stream) {
            stream.offer(LiveStream.Update.first(whole));
            watchers.add(stream);
        }

        /**
         * The first board of the hub, or a newer one with its change offered to every watcher;
         * returns the CPU time the writes took. The change without moved runs is computed only
         * while somebody takes it.
         */
        synchronized long publish(LiveBoard next, byte[] nextWhole, Function<BoardChange, byte[]> encode, Fanout fanout) {
            LiveStream.Update update = LiveStream.Update.first(nextWhole);
            if (board != null) {
                boolean anyByPosition = watchers.stream().anyMatch(w -> w.takes() == LiveStream.Takes.CHANGES);
                update = new LiveStream.Update(nextWhole,
                        anyByPosition ? encode.apply(BoardChange.between(board, next, false)) : null,
                        encode.apply(BoardChange.between(board, next, true)));
            }
            board = next;
            whole = nextWhole;
            sentVersion = next.version();
            return fanout.offer(watchers, update);
        }
    }

    /**
     * Serves the hunt's board on an asynchronous response whose SSE headers are already set;
     * {@code onEnd} runs once the stream has ended. {@code takes}: what the watcher gets after the
     * first board (whole boards or "change" events, see {@link BoardChange}).
     */
    void subscribe(String huntId, AsyncContext async, LiveStream.Takes takes, Runnable onEnd) throws IOException {
        async.setTimeout(streamTimeoutMillis);
        LiveStream stream = new LiveStream(async, takes, closed -> {
            Hub hub = hubs.get(huntId);
            if (hub != null) {
                hub.watchers.remove(closed);
            }
            onEnd.run();
        });
        // Joining and the tick's removal of idle hubs are both atomic on the map entry: a new
        // watcher never lands in a hub that was just dropped. Only a hunt's first watcher reads
        // its board here; later ones take the tick's.
        hubs.compute(huntId, (id, existing) -> {
            Hub hub = existing != null ? existing : new Hub();
            synchronized (hub) {
                if (!hub.hasBoard()) {
                    LiveBoard board = read(huntId, leaderboards.version(huntId));
                    hub.publish(board, encode(BOARD_PREFIX, board), this::encodeChange, fanout);
                }
                hub.join(stream);
            }
            return hub;
        });
        stream.start();
    }

    /**
     * The coalescing tick: at most one board read per watched hunt per tick, only when it changed.
     * While the leaderboard is rebuilt the watchers keep the last complete board (a board read then
     * is incomplete); the rebuilt one follows.
     *
     * <p>An update is written by {@code fanout-threads} threads at once, and the next one comes no
     * sooner than {@code fanout-cpu-share} of one core pays for what the writes cost: a crowd of
     * watchers gets its updates less often rather than taking the cores from the finds.
     */
    @Scheduled(fixedDelayString = "${veltrix.live.tick-ms}")
    public void tick() {
        if (replays.rebuilding(Projections.LEADERBOARD) || System.nanoTime() - nextUpdateNanos < 0) {
            return;
        }
        long handingOut = 0;
        long cpu = 0;
        for (Map.Entry<String, Hub> entry : hubs.entrySet()) {
            String huntId = entry.getKey();
            Hub hub = entry.getValue();
            if (hubs.computeIfPresent(huntId, (id, h) -> h.watchers.isEmpty() ? null : h) == null) {
                continue;
            }
            try {
                long version = leaderboards.version(huntId);
                if (version == hub.sentVersion) {
                    continue;
                }
                LiveBoard board = read(huntId, version);
                byte[] whole = encode(BOARD_PREFIX, board);
                long started = System.nanoTime();
                long writing = hub.publish(board, whole, this::encodeChange, fanout);
                long took = System.nanoTime() - started;
                cpu += writing;
                handingOut += took;
                if (fanoutTimer != null) {
                    fanoutTimer.record(took, TimeUnit.NANOSECONDS);
                }
                if (fanoutCpu != null) {
                    fanoutCpu.increment(writing / 1e9);
                }
            } catch (RuntimeException e) {
                log.warn("live board of hunt {} not refreshed: {}", huntId, e.toString());
            }
        }
        nextUpdateNanos = System.nanoTime() + fanout.restAfter(handingOut, cpu);
    }

    /** A comment line now and then lets proxies keep the stream and us notice closed clients. */
    @Scheduled(fixedDelayString = "${veltrix.live.heartbeat-ms}")
    public void heartbeat() {
        hubs.values().forEach(hub -> hub.watchers.forEach(watcher -> watcher.offerIfIdle(KEEP_ALIVE)));
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /** Ends every stream first, so a graceful shutdown does not wait for watchers that never leave. */
    @Override
    public void stop() {
        running = false;
        hubs.values().forEach(hub -> hub.watchers.forEach(LiveStream::complete));
        hubs.clear();
    }

    @PreDestroy
    public void close() {
        fanout.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE; // stops before the web server's graceful shutdown begins
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("veltrix.live.subscribers", this, LiveBoards::subscriberCount)
                .description("open live-board streams").register(registry);
        fanoutTimer = Timer.builder("veltrix.live.fanout")
                .description("time to hand one board update to every watcher of a hunt (writes included where sockets were ready)")
                .register(registry);
        fanoutCpu = Counter.builder("veltrix.live.fanout.cpu").baseUnit("seconds")
                .description("CPU time the writing threads spent handing board updates to watchers")
                .register(registry);
    }

    private int subscriberCount() {
        return hubs.values().stream().mapToInt(h -> h.watchers.size()).sum();
    }

    private LiveBoard read(String huntId, long version) {
        Instant frozenAt = leaderboards.frozenAt(huntId).orElse(null);
        return new LiveBoard(huntId, version, frozenAt,
                leaderboards.page(huntId, BoardView.PUBLIC, top, 0),
                leaderboards.recentFinds(huntId, frozenAt, recent), leaderboards.publicFinds(huntId));
    }

    private byte[] encodeChange(BoardChange change) {
        return encode(CHANGE_PREFIX, change);
    }

    /** One SSE frame: the event name and one data line (the JSON has no line breaks). */
    private byte[] encode(byte[] prefix, Object payload) {
        try {
            byte[] data = json.writeValueAsBytes(payload);
            byte[] frame = new byte[prefix.length + data.length + 2];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            System.arraycopy(data, 0, frame, prefix.length, data.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live board is always serializable", e);
        }
    }
}
