package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.platform.eventstore.notify.WakeableEventSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.yaml.snakeyaml.Yaml;

/**
 * The projections players and organizers wait on (boards, player views, hunts, accounts) read the
 * store promptly when woken; the audit index, which nobody reads within a second of a find, reads
 * every quarter of a second, in fewer and fuller transactions.
 */
class ProjectionSourcesTest extends QueryTestBase {

    @Autowired
    @Qualifier(WakeableEventSource.BEAN_NAME)
    private WakeableEventSource prompt;
    @Autowired
    @Qualifier(WakeableEventSource.BACKGROUND_BEAN_NAME)
    private WakeableEventSource background;

    @Test
    void theSourcesReadAtTheirConfiguredIntervals() {
        assertThat(prompt.minReadInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(background.minReadInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void onlyTheAuditIndexReadsInTheBackground() throws IOException {
        Map<String, Object> sources = new TreeMap<>();
        processors().forEach((name, processor) -> sources.put(name, processor.get("source")));
        assertThat(sources).isEqualTo(Map.of(
                Projections.AUDIT_INDEX, WakeableEventSource.BACKGROUND_BEAN_NAME,
                Projections.HUNT_SUMMARY, WakeableEventSource.BEAN_NAME,
                Projections.LEADERBOARD, WakeableEventSource.BEAN_NAME,
                Projections.ORGANIZERS, WakeableEventSource.BEAN_NAME,
                Projections.PLAYER_VIEW, WakeableEventSource.BEAN_NAME));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> processors() throws IOException {
        try (InputStream in = ProjectionSourcesTest.class.getClassLoader().getResourceAsStream("application.yml")) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> axon = (Map<String, Object>) root.get("axon");
            Map<String, Object> eventHandling = (Map<String, Object>) axon.get("eventhandling");
            return (Map<String, Map<String, Object>>) eventHandling.get("processors");
        }
    }
}
