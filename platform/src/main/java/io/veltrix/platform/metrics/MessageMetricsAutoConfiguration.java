package io.veltrix.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Meters for Axon's messages when Axon's own monitors are off
 * ({@code axon.metrics.auto-configuration.enabled=false}, as both services ship): see
 * {@link MessageMeters}. Event processors, the command bus and the event bus get meters; the
 * query bus and the update emitter, which Veltrix does not use, get none.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(name = "axon.metrics.auto-configuration.enabled", havingValue = "false")
public class MessageMetricsAutoConfiguration {

    @Bean
    public ConfigurerModule messageMeters(ObjectProvider<MeterRegistry> registries) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (component, name) -> {
            MeterRegistry registry = registries.getIfAvailable();
            if (registry == null) {
                return NoOpMessageMonitor.instance();
            }
            if (EventProcessor.class.isAssignableFrom(component)) {
                return MessageMeters.eventProcessor(registry, name);
            }
            if (CommandBus.class.isAssignableFrom(component)) {
                return MessageMeters.bus(registry, "commandBus", name, true);
            }
            if (EventBus.class.isAssignableFrom(component)) {
                return MessageMeters.bus(registry, "eventBus", name, false);
            }
            return NoOpMessageMonitor.instance();
        });
    }
}
