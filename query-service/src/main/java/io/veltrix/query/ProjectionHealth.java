package io.veltrix.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.veltrix.query.replay.ProjectionReplays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The projections in /actuator/health (a processor that stopped or is in error makes the service
 * not ready) and in metrics: events parked in the dead-letter queue per projection.
 */
@Component("projections")
class ProjectionHealth implements HealthIndicator, MeterBinder {

    private final EventProcessingConfiguration processing;
    private final ProjectionReplays replays;
    private final JdbcClient jdbc;

    ProjectionHealth(EventProcessingConfiguration processing, ProjectionReplays replays, JdbcClient jdbc) {
        this.processing = processing;
        this.replays = replays;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        Set<String> replaying = replays.replaying();
        boolean up = true;
        for (String group : Projections.ALL) {
            var processor = processing.eventProcessor(group, StreamingEventProcessor.class);
            if (processor.isEmpty()) {
                up = false;
                details.put(group, "missing");
                continue;
            }
            StreamingEventProcessor p = processor.get();
            // a replay's bulk part projects with the processor stopped
            boolean rebuilding = replaying.contains(group);
            boolean ok = (p.isRunning() || rebuilding) && !p.isError();
            up &= ok;
            details.put(group, Map.of("running", p.isRunning(), "replaying", rebuilding,
                    "error", p.isError(),
                    "segmentsClaimed", p.processingStatus().size(),
                    "caughtUp", p.processingStatus().values().stream().allMatch(s -> s.isCaughtUp())));
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : Projections.ALL) {
            Gauge.builder("veltrix.projection.dead.letters", () -> deadLetters(group))
                    .description("events parked in the dead-letter queue, by projection")
                    .tag("projection", group)
                    .register(registry);
        }
    }

    private double deadLetters(String group) {
        try {
            return jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE processing_group = :group")
                    .param("group", group).query(Long.class).single();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
