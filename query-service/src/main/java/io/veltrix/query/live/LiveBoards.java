package io.veltrix.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Server-sent boards, coalesced: every tick, for each hunt somebody watches, one cheap version
 * check; if the board changed, one snapshot is read, encoded once as an SSE frame and offered to
 * every watcher's non-blocking {@link LiveStream}. A burst of a thousand finds within a tick is one
 * update, a thousand watchers cost one query and one encoding, and no watcher's socket can hold
 * the tick up.
 */
@Component
public class LiveBoards implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(LiveBoards.class);
    private static final byte[] FRAME_PREFIX = "event:board\ndata:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Leaderboards leaderboards;
    private final ObjectMapper json;
    private final int top;
    private final int recent;
    private final long streamTimeoutMillis;
    private final Map<String, Hub> hubs = new ConcurrentHashMap<>();
    private volatile Timer fanout;

    public LiveBoards(Leaderboards leaderboards, ObjectMapper json,
                      @Value("${veltrix.live.top}") int top,
                      @Value("${veltrix.live.recent-finds}") int recent,
                      @Value("${veltrix.live.emitter-timeout-ms}") long streamTimeoutMillis) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.top = top;
        this.recent = recent;
        this.streamTimeoutMillis = streamTimeoutMillis;
    }

    private static final class Hub {
        final Set<LiveStream> watchers = ConcurrentHashMap.newKeySet();
        volatile long sentVersion = Long.MIN_VALUE;
        volatile byte[] frame;
    }

    /**
     * Serves the hunt's board on an asynchronous response whose SSE headers are already set;
     * {@code onEnd} runs once the stream has ended.
     */
    public void subscribe(String huntId, AsyncContext async, Runnable onEnd) throws IOException {
        async.setTimeout(streamTimeoutMillis);
        byte[] first = currentFrame(huntId, hubs.computeIfAbsent(huntId, id -> new Hub()));
        LiveStream stream = new LiveStream(async, first, closed -> {
            Hub hub = hubs.get(huntId);
            if (hub != null) {
                hub.watchers.remove(closed);
            }
            onEnd.run();
        });
        // Joining and the tick's removal of idle hubs are both atomic on the map entry: a new
        // watcher never lands in a hub that was just dropped.
        hubs.compute(huntId, (id, existing) -> {
            Hub hub = existing != null ? existing : new Hub();
            hub.watchers.add(stream);
            return hub;
        });
        stream.start();
    }

    /** The hub's last frame; the first watchers of a hunt share one read until the tick takes over. */
    private byte[] currentFrame(String huntId, Hub hub) {
        byte[] frame = hub.frame;
        if (frame != null) {
            return frame;
        }
        synchronized (hub) {
            if (hub.frame == null) {
                hub.frame = frame(huntId, leaderboards.version(huntId));
            }
            return hub.frame;
        }
    }

    /** The coalescing tick: at most one board read per watched hunt per tick, only when it changed. */
    @Scheduled(fixedDelayString = "${veltrix.live.tick-ms}")
    public void tick() {
        hubs.forEach((huntId, hub) -> {
            if (hubs.computeIfPresent(huntId, (id, h) -> h.watchers.isEmpty() ? null : h) == null) {
                return;
            }
            try {
                long version = leaderboards.version(huntId);
                if (version == hub.sentVersion) {
                    return;
                }
                byte[] frame = frame(huntId, version);
                hub.frame = frame;
                hub.sentVersion = version;
                long started = System.nanoTime();
                hub.watchers.forEach(watcher -> watcher.offer(frame));
                if (fanout != null) {
                    fanout.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            } catch (RuntimeException e) {
                log.warn("live board of hunt {} not refreshed: {}", huntId, e.toString());
            }
        });
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
        fanout = Timer.builder("veltrix.live.fanout")
                .description("time to hand one board update to every watcher of a hunt (writes included where sockets were ready)")
                .register(registry);
    }

    private int subscriberCount() {
        return hubs.values().stream().mapToInt(h -> h.watchers.size()).sum();
    }

    /** The board as one SSE frame ("event: board", one data line: the JSON has no line breaks). */
    private byte[] frame(String huntId, long version) {
        Instant frozenAt = leaderboards.frozenAt(huntId).orElse(null);
        LiveBoard board = new LiveBoard(huntId, version, frozenAt,
                leaderboards.page(huntId, BoardView.PUBLIC, top, 0),
                leaderboards.recentFinds(huntId, frozenAt, recent));
        try {
            byte[] data = json.writeValueAsBytes(board);
            byte[] frame = new byte[FRAME_PREFIX.length + data.length + 2];
            System.arraycopy(FRAME_PREFIX, 0, frame, 0, FRAME_PREFIX.length);
            System.arraycopy(data, 0, frame, FRAME_PREFIX.length, data.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live board is always serializable", e);
        }
    }
}
