package io.veltrix.query.replay;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.query.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * The streaming processors of the projections that can be replayed. A replay rebuilds a processing
 * group (its token is the one reset): asked for the player view, it rebuilds the leaderboard's group,
 * which runs both.
 */
@Component
class ProjectionProcessors {

    private final EventProcessingConfiguration processing;

    ProjectionProcessors(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The processing group that runs the named projection; an unknown name is refused (404). */
    static String group(String projection) {
        return Projections.groupOf(projection).orElseThrow(() -> RuleViolation.notFound("unknown-projection",
                "no projection " + projection + "; known: " + Projections.API_NAMES));
    }

    /** The processor of a processing group of {@link Projections#API_GROUPS}. */
    StreamingEventProcessor get(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + group));
    }

    /** How far the processor's slowest segment here is, as a global index (0 without a segment). */
    static long slowestPosition(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.orElse(0))
                .min().orElse(0);
    }
}
