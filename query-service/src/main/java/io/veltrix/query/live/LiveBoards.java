package io.veltrix.query.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent boards, coalesced: every tick, for each hunt somebody watches, one cheap version
 * check; if the board changed, one snapshot is read and serialized once and fanned out to every
 * subscriber. A burst of a thousand finds within a tick is one update, and a thousand watchers
 * cost one query, not a thousand.
 */
@Component
public class LiveBoards implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(LiveBoards.class);

    private final Leaderboards leaderboards;
    private final ObjectMapper json;
    private final int top;
    private final int recent;
    private final long emitterTimeoutMillis;
    private final Map<String, Hub> hubs = new ConcurrentHashMap<>();

    public LiveBoards(Leaderboards leaderboards, ObjectMapper json,
                      @Value("${veltrix.live.top}") int top,
                      @Value("${veltrix.live.recent-finds}") int recent,
                      @Value("${veltrix.live.emitter-timeout-ms}") long emitterTimeoutMillis) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.top = top;
        this.recent = recent;
        this.emitterTimeoutMillis = emitterTimeoutMillis;
    }

    private static final class Hub {
        final Set<SseEmitter> subscribers = new CopyOnWriteArraySet<>();
        volatile long sentVersion = Long.MIN_VALUE;
        volatile String snapshot;
    }

    public SseEmitter subscribe(String huntId) {
        SseEmitter emitter = new SseEmitter(emitterTimeoutMillis);
        // Joining and the tick's removal of idle hubs are both atomic on the map entry: a new
        // subscriber never lands in a hub that was just dropped.
        Hub hub = hubs.compute(huntId, (id, existing) -> {
            Hub h = existing != null ? existing : new Hub();
            h.subscribers.add(emitter);
            return h;
        });
        Runnable leave = () -> hub.subscribers.remove(emitter);
        emitter.onCompletion(leave);
        emitter.onTimeout(leave);
        emitter.onError(e -> leave.run());
        if (!send(emitter, currentSnapshot(huntId, hub))) {
            hub.subscribers.remove(emitter);
        }
        return emitter;
    }

    /** The hub's last board; the first watchers of a hunt share one read until the tick takes over. */
    private String currentSnapshot(String huntId, Hub hub) {
        String snapshot = hub.snapshot;
        if (snapshot != null) {
            return snapshot;
        }
        synchronized (hub) {
            if (hub.snapshot == null) {
                hub.snapshot = snapshot(huntId, leaderboards.version(huntId));
            }
            return hub.snapshot;
        }
    }

    /** The coalescing tick: at most one board read per watched hunt per tick, only when it changed. */
    @Scheduled(fixedDelayString = "${veltrix.live.tick-ms}")
    public void tick() {
        hubs.forEach((huntId, hub) -> {
            if (hubs.computeIfPresent(huntId, (id, h) -> h.subscribers.isEmpty() ? null : h) == null) {
                return;
            }
            try {
                long version = leaderboards.version(huntId);
                if (version == hub.sentVersion) {
                    return;
                }
                String snapshot = snapshot(huntId, version);
                hub.snapshot = snapshot;
                hub.sentVersion = version;
                for (SseEmitter emitter : hub.subscribers) {
                    if (!send(emitter, snapshot)) {
                        hub.subscribers.remove(emitter);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("live board of hunt {} not refreshed: {}", huntId, e.toString());
            }
        });
    }

    /** A comment line now and then lets proxies keep the stream and us notice closed clients. */
    @Scheduled(fixedDelayString = "${veltrix.live.heartbeat-ms}")
    public void heartbeat() {
        hubs.values().forEach(hub -> hub.subscribers.forEach(emitter -> {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            } catch (IOException | IllegalStateException e) {
                hub.subscribers.remove(emitter);
            }
        }));
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
        hubs.values().forEach(hub -> hub.subscribers.forEach(SseEmitter::complete));
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
    }

    private int subscriberCount() {
        return hubs.values().stream().mapToInt(h -> h.subscribers.size()).sum();
    }

    private String snapshot(String huntId, long version) {
        Instant frozenAt = leaderboards.frozenAt(huntId).orElse(null);
        LiveBoard board = new LiveBoard(huntId, version, frozenAt,
                leaderboards.page(huntId, BoardView.PUBLIC, top, 0),
                leaderboards.recentFinds(huntId, frozenAt, recent));
        try {
            return json.writeValueAsString(board);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a live board is always serializable", e);
        }
    }

    private static boolean send(SseEmitter emitter, String snapshot) {
        try {
            emitter.send(SseEmitter.event().name("board").data(snapshot, MediaType.APPLICATION_JSON));
            return true;
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
            return false;
        }
    }
}
