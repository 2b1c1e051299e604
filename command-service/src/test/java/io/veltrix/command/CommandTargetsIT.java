package io.veltrix.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Axon's aggregates take their command targets from {@link CommandTargets}, not from its per-dispatch scan. */
class CommandTargetsIT extends CommandServiceIT {

    @Autowired
    private org.axonframework.config.Configuration axon;

    @Test
    void aggregatesResolveTargetsWithTheCachedResolver() {
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CommandTargets.class);
    }
}
