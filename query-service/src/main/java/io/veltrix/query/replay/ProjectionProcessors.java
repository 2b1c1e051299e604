package io.veltrix.query.replay;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.query.Projections;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/** The streaming processors of the projections that can be replayed, by projection name. */
@Component
class ProjectionProcessors {

    static final List<String> NAMES = List.of(Projections.LEADERBOARD, Projections.PLAYER_VIEW, Projections.HUNT_SUMMARY);

    private final EventProcessingConfiguration processing;

    ProjectionProcessors(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The projection's processor; an unknown name is refused (404). */
    StreamingEventProcessor get(String name) {
        if (!NAMES.contains(name)) {
            throw RuleViolation.notFound("unknown-projection", "no projection " + name + "; known: " + NAMES);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + name));
    }

    /** How far the processor's slowest segment here is, as a global index (0 without a segment). */
    static long slowestPosition(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0))
                .min().orElse(0);
    }
}
