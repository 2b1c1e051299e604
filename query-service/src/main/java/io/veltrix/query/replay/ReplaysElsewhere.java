package io.veltrix.query.replay;

import io.veltrix.query.Projections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The replays other query-service instances run, as last read from {@link ReplayCoordination}: a
 * projection another instance replays is paused here (its segments released, so that instance
 * can reset the tokens) and resumed once that replay is done or its instance stopped renewing it.
 */
@Component
class ReplaysElsewhere {

    private static final Logger log = LoggerFactory.getLogger(ReplaysElsewhere.class);
    private static final long COORDINATION_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ReplayCoordination coordination;
    private final ProjectionProcessors processors;
    private long lastCoordination;
    /** Projections another instance is replaying, as last read. */
    private volatile Set<String> elsewhere = Set.of();
    /** Projections this instance paused for another instance's replay. */
    private final Set<String> paused = ConcurrentHashMap.newKeySet();

    ReplaysElsewhere(ReplayCoordination coordination, ProjectionProcessors processors) {
        this.coordination = coordination;
        this.processors = processors;
    }

    /** Whether another instance replays the projection (cheap: as last read). */
    boolean contains(String name) {
        return elsewhere.contains(name);
    }

    Set<String> names() {
        return elsewhere;
    }

    /**
     * At most once per coordination period: renews this instance's replays ({@code mine}), reads
     * the others', and pauses or resumes the projections here accordingly (no resume once
     * {@code stopping}).
     */
    void coordinate(Set<String> mine, boolean stopping) {
        long now = System.nanoTime();
        if (now - lastCoordination < COORDINATION_NANOS) {
            return;
        }
        lastCoordination = now;
        coordination.renew(mine);
        Set<String> others = coordination.replayingElsewhere();
        elsewhere = Set.copyOf(others);
        for (String name : Projections.API_GROUPS) {
            StreamingEventProcessor processor = processors.get(name);
            if (others.contains(name) && !mine.contains(name)) {
                if (processor.isRunning() && paused.add(name)) {
                    log.info("projection {} paused: another query-service instance is replaying it", name);
                    processor.shutDown();
                }
            } else if (paused.remove(name) && !stopping) {
                log.info("projection {} resumed after another instance's replay", name);
                processor.start();
            }
        }
    }
}
