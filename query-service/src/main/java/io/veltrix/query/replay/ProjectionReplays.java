package io.veltrix.query.replay;

import io.veltrix.api.rule.RuleViolation;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a projection from event 0 with Axon's token reset: the processor stops, its reset
 * handler empties the read model and its tokens go back to the tail. {@link BulkReplay} then
 * feeds the processor's handlers the store up to its head at the start in large pages, and the
 * processor starts again from there (without the bulk part, it starts at once and works through
 * the store in its configured batches). While that runs the read model is incomplete;
 * {@link RebuildingNotice} says so on every answer. Progress is logged and served as a status.
 *
 * <p>Only this instance's processor is stopped: with several query-service instances, the others
 * must not hold segments of the projection (Axon refuses the reset while they do); they pause it
 * ({@link ReplaysElsewhere}). A run's speed and time left: {@link ReplayRun}.
 */
@Component
public class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    /**
     * The state of a projection as the status endpoint reports it. ELSEWHERE: this instance holds no
     * segment of it and is not replaying it (beside other instances, which process it; or before its
     * first claim).
     */
    public enum State { REPLAYING, CAUGHT_UP, ELSEWHERE }

    /** {@code requestedBy}: the staff account that asked for the replay reported, null when none is. */
    public record Status(String name, State state, long processed, long total, Duration eta, Double eventsPerSecond,
                         Instant startedAt, Instant finishedAt, String requestedBy) {
    }

    private final ProjectionProcessors processors;
    private final BulkReplay bulk;
    private final EventStoreHead head;
    private final ReplayCoordination coordination;
    private final ReplaysElsewhere elsewhere;
    private final ReplayIndexes indexes;
    private volatile boolean stopping;
    private static final long CHECK_MS = 100;
    /** How long a replay waits for the other instances to release the projection's segments. */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(15);
    private final long progressLogNanos;
    private volatile long lastLog;
    private final Map<String, ReplayRun> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-progress");
        t.setDaemon(true);
        return t;
    });

    ProjectionReplays(ProjectionProcessors processors, BulkReplay bulk, EventStoreHead head,
                      ReplayCoordination coordination, ReplaysElsewhere elsewhere, ReplayIndexes indexes,
                      @Value("${veltrix.replay.progress-log-ms}") long progressLogMs) {
        this.processors = processors;
        this.bulk = bulk;
        this.head = head;
        this.coordination = coordination;
        this.elsewhere = elsewhere;
        this.indexes = indexes;
        this.progressLogNanos = TimeUnit.MILLISECONDS.toNanos(progressLogMs);
    }

    /**
     * Watches replays and the other instances' rows once the application is up (not from the
     * constructor: the watch reaches into beans still being created then). It checks often, so
     * the end of a replay (and its events/s) is taken close to when it happens.
     */
    @EventListener(ApplicationReadyEvent.class)
    void startWatching() {
        progress.scheduleWithFixedDelay(this::watch, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a replay of the projection; refused while one runs here or on another instance. The
     * other instances pause the projection (they see this instance's row within a coordination
     * period) and its tokens are reset once none holds a segment any more.
     */
    public synchronized Status replay(String projection, String requestedBy) {
        String name = ProjectionProcessors.group(projection);
        StreamingEventProcessor processor = processors.get(name);
        if (replayingHere(name) || elsewhere.contains(name) || !coordination.begin(name, requestedBy)) {
            throw RuleViolation.conflict("replay-running", "projection " + projection + " is already replaying");
        }
        long total = head.index();
        log.info("replay of {} requested by {}: {} events in the store", name, requestedBy, total);
        processor.shutDown();
        ReplayRun run = ReplayRun.starting(total, requestedBy);
        runs.put(name, run);
        Thread thread = new Thread(() -> resetAndRebuild(name, processor, run), "replay-" + name);
        thread.setDaemon(true);
        thread.start();
        return status(projection);
    }

    private void resetAndRebuild(String name, StreamingEventProcessor processor, ReplayRun run) {
        try {
            long until = System.nanoTime() + RELEASE_WAIT.toNanos();
            while (coordination.segmentsClaimed(name)) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("another instance still holds a segment after " + RELEASE_WAIT.toSeconds() + " s");
                }
                Thread.sleep(CHECK_MS);
            }
            processor.resetTokens();
        } catch (RuntimeException | InterruptedException e) {
            log.warn("replay of {} not started: {}", name, e.toString());
            runs.remove(name, run);
            coordination.finish(name);
            if (!stopping) {
                processor.start();
            }
            return;
        }
        if (bulk.enabled() && processor instanceof AbstractEventProcessor handlers) {
            bulkThenStart(handlers, processor, run);
        } else if (!stopping) {
            processor.start();
        }
    }

    private void bulkThenStart(AbstractEventProcessor handlers, StreamingEventProcessor processor, ReplayRun run) {
        try {
            bulk.run(handlers, run.target(), run.bulkPosition()::set, () -> stopping);
            log.info("replay of {}: bulk part done at {} of {}; the processor goes on", handlers.getName(),
                    run.bulkPosition().get(), run.target());
        } catch (Exception e) {
            log.warn("replay of {}: bulk part stopped at {} ({}); the processor goes on from there",
                    handlers.getName(), run.bulkPosition().get(), e.toString());
        } finally {
            if (!stopping) {
                processor.start();
            }
        }
    }

    /** The status of the named projection's processing group, under the name asked for. */
    public Status status(String projection) {
        String name = ProjectionProcessors.group(projection);
        StreamingEventProcessor processor = processors.get(name);
        ReplayRun run = runs.get(name);
        if (run == null && elsewhere.contains(name)) {
            // another instance rebuilds it: its progress is there, this one only knows it is not done
            return new Status(projection, State.REPLAYING, 0, head.index(), null, null, null, null,
                    coordination.requestedBy(name));
        }
        long processed = processed(run, processor);
        long total = head.index();
        State state = state(name, processor);
        if (run == null) {
            return new Status(projection, state, processed, total, null, null, null, null, null);
        }
        if (state == State.CAUGHT_UP && run.running()) {
            run = finish(name, run, processed);
        }
        Double rate = run.eventsPerSecond(processed, System.nanoTime());
        Duration eta = state == State.CAUGHT_UP ? Duration.ZERO : ReplayRun.timeLeft(rate, processed, total);
        return new Status(projection, state, processed, total, eta, rate == null ? null : Math.round(rate * 10) / 10.0,
                run.startedAt(), run.finishedAt(), run.requestedBy());
    }

    /** Whether the processing group is being rebuilt now, here or on another instance (cheap: for every board read). */
    public boolean rebuilding(String name) {
        return replayingHere(name) || elsewhere.contains(name);
    }

    /** Whether any projection is replaying now, here or on another instance: asked on every API request, it builds nothing. */
    public boolean anyReplaying() {
        if (!elsewhere.names().isEmpty()) {
            return true;
        }
        for (ReplayRun run : runs.values()) {
            if (run.running()) {
                return true;
            }
        }
        return false;
    }

    /** The processing groups replaying now, here or on another instance. */
    public Set<String> replaying() {
        Set<String> names = runningHere();
        names.addAll(elsewhere.names());
        return names;
    }

    private boolean replayingHere(String name) {
        ReplayRun run = runs.get(name);
        return run != null && run.running();
    }

    private Set<String> runningHere() {
        return runs.entrySet().stream().filter(e -> e.getValue().running()).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private synchronized ReplayRun finish(String name, ReplayRun run, long processed) {
        ReplayRun current = runs.get(name);
        if (current != run) {
            return current;
        }
        ReplayRun done = run.finished(processed);
        runs.put(name, done);
        coordination.finish(name);
        double seconds = done.seconds(System.nanoTime());
        log.info("replay of {} caught up: {} events in {} s ({} events/s)", name, processed,
                String.format("%.1f", seconds), Math.round(processed / Math.max(seconds, 1e-3)));
        return done;
    }

    private void watch() {
        try {
            elsewhere.coordinate(runningHere(), stopping);
            indexes.retryFailedBuild();
            boolean due = System.nanoTime() - lastLog >= progressLogNanos;
            for (String name : runningHere()) {
                Status s = status(name);
                if (due && s.state() == State.REPLAYING) {
                    lastLog = System.nanoTime();
                    log.info("replay of {}: {} of {} events, {} events/s, eta {}", name, s.processed(), s.total(),
                            s.eventsPerSecond(), s.eta());
                }
            }
        } catch (RuntimeException e) {
            log.warn("replay progress unavailable: {}", e.toString());
        }
    }

    /**
     * REPLAYING while the processor works through a backlog: a replay we started, or a first catch-up
     * over an existing store. Axon's own replay flag stays up until an event beyond the reset point
     * arrives, which on a quiet store may be never; so a replay is over when every segment has caught
     * up and passed the head it started from.
     */
    private State state(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        ReplayRun run = runs.get(name);
        boolean replayingHere = run != null && run.running();
        if (segments.isEmpty() && !replayingHere) {
            return State.ELSEWHERE;
        }
        boolean caughtUp = !segments.isEmpty() && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        if (replayingHere) {
            caughtUp &= processed(run, processor) >= run.target();
        }
        return caughtUp ? State.CAUGHT_UP : State.REPLAYING;
    }

    /**
     * Stops and starts {@code processor} (projection {@code name}) at once, unless it is being
     * rebuilt here or elsewhere, is not running, or this instance is stopping; under this object's
     * lock, so a replay cannot begin halfway through. True when it was restarted.
     */
    public synchronized boolean restartUnlessReplaying(String name, StreamingEventProcessor processor) {
        if (stopping || rebuilding(name) || !processor.isRunning()) {
            return false;
        }
        processor.shutDown();
        processor.start();
        return true;
    }

    /** How far the slowest segment is, as a global index; while the processor is stopped, how far the bulk part is. */
    private static long processed(ReplayRun run, StreamingEventProcessor processor) {
        long slowest = ProjectionProcessors.slowestPosition(processor);
        return run == null || run.finishedAt() != null ? slowest : Math.max(slowest, run.bulkPosition().get());
    }

    /** A replay cut short here goes on wherever its tokens are claimed next: the others need not wait out the lease. */
    @PreDestroy
    void stop() {
        stopping = true;
        progress.shutdownNow();
        try {
            runningHere().forEach(coordination::finish);
        } catch (RuntimeException e) {
            log.warn("replays not handed over: {}", e.toString());
        }
    }
}
