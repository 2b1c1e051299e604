package io.veltrix.query;

import io.veltrix.query.replay.ProjectionReplays;
import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts a projection's processor again as soon as the database answers after an outage. Axon's
 * pooled processor retries after an error with a back-off that doubles up to 60 s (1, 2, 4 … s
 * between tries): after PostgreSQL was away for half a minute, the projections would stand still
 * for up to another half minute, the live board frozen and the service not ready, while the
 * database is long back. Once a second, a processor that is running but in error is stopped and
 * started (its next try at once) if the database answers a query; at most once per
 * {@link #MIN_GAP_MS} per processor, so a fault that is not the database's absence meets no
 * tighter loop than that. A projection being rebuilt is left to its replay.
 */
@Component
class ProjectionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRecovery.class);

    static final long CHECK_MS = 1000;
    static final long MIN_GAP_MS = 5000;

    private final EventProcessingConfiguration processing;
    private final ProjectionReplays replays;
    private final JdbcClient jdbc;
    private final Map<String, Long> lastRestart = new HashMap<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-recovery");
        t.setDaemon(true);
        return t;
    });

    ProjectionRecovery(EventProcessingConfiguration processing, ProjectionReplays replays, JdbcClient jdbc) {
        this.processing = processing;
        this.replays = replays;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startChecking() {
        checks.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            boolean databaseAsked = false;
            for (String group : Projections.ALL) {
                StreamingEventProcessor processor =
                        processing.eventProcessor(group, StreamingEventProcessor.class).orElse(null);
                if (processor == null || !processor.isRunning() || !processor.isError()) {
                    continue;
                }
                long now = System.nanoTime();
                Long last = lastRestart.get(group);
                if (last != null && now - last < TimeUnit.MILLISECONDS.toNanos(MIN_GAP_MS)) {
                    continue;
                }
                if (!databaseAsked) {
                    databaseAsked = true;
                    if (!databaseAnswers()) {
                        return;
                    }
                }
                if (replays.restartUnlessReplaying(group, processor)) {
                    lastRestart.put(group, now);
                    log.info("projection {} was waiting out Axon's back-off after errors; the database answers, "
                            + "so its processor started again now", group);
                }
            }
        } catch (RuntimeException e) {
            log.warn("projection recovery check failed: {}", e.toString());
        }
    }

    private boolean databaseAnswers() {
        try {
            return jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
        } catch (RuntimeException away) {
            return false;
        }
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }
}
