package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The benchmark's "before" profile ({@code axon-defaults}) gives every event processor Axon's
 * defaults: one left out keeps the tuned configuration's source, {@code wakeableEventSource}, a bean
 * that profile does not have (it turns LISTEN/NOTIFY off), and the service does not start.
 */
class AxonDefaultsProfileTest {

    @Test
    void everyProcessorOfTheServiceIsATrackingProcessorOnTheEventBusUnderAxonDefaults() throws IOException {
        Map<String, Map<String, Object>> tuned = processors("application.yml");
        Map<String, Map<String, Object>> defaults = processors("application-axon-defaults.yml");
        assertThat(tuned).isNotEmpty();
        assertThat(defaults.keySet()).containsAll(tuned.keySet());
        defaults.forEach((name, processor) -> {
            assertThat(processor.get("mode")).as(name).isEqualTo("tracking");
            assertThat(processor.get("source")).as(name).isEqualTo("eventBus");
            assertThat(processor.get("batch-size")).as(name).isEqualTo(1);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> processors(String resource) throws IOException {
        try (InputStream in = AxonDefaultsProfileTest.class.getClassLoader().getResourceAsStream(resource)) {
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Object> axon = (Map<String, Object>) root.get("axon");
            Map<String, Object> eventHandling = (Map<String, Object>) axon.get("eventhandling");
            return (Map<String, Map<String, Object>>) eventHandling.get("processors");
        }
    }
}
