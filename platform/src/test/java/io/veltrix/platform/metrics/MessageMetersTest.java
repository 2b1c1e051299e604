package io.veltrix.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;

class MessageMetersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    private double count(String name, String outcome) {
        return registry.get(MessageMeters.MESSAGES).tag("name", name).tag("outcome", outcome).counter().count();
    }

    @Test
    void aProcessorCountsEachOutcomeAndShowsHowOldItsLastEventWas() {
        MessageMeters meters = MessageMeters.eventProcessor(registry, "leaderboard");
        clock.add(10, TimeUnit.SECONDS);
        Instant written = Instant.ofEpochMilli(clock.wallTime() - 250);
        var event = new GenericEventMessage<>(new GenericMessage<>("found", MetaData.emptyInstance()), () -> written);

        meters.onMessageIngested(event).reportSuccess();
        meters.onMessageIngested(event).reportSuccess();
        meters.onMessageIngested(event).reportFailure(new IllegalStateException("boom"));
        meters.onMessageIngested(event).reportIgnored();

        assertThat(count("leaderboard", "success")).isEqualTo(2);
        assertThat(count("leaderboard", "failure")).isEqualTo(1);
        assertThat(count("leaderboard", "ignored")).isEqualTo(1);
        assertThat(registry.get(MessageMeters.EVENT_AGE).tag("name", "leaderboard").gauge().value()).isEqualTo(250);
        assertThat(registry.find(MessageMeters.DURATION).meters()).isEmpty();
    }

    @Test
    void aTimedBusRecordsHowLongEachMessageTook() {
        MessageMeters meters = MessageMeters.bus(registry, "commandBus", "commands", true);
        var callback = meters.onMessageIngested(GenericCommandMessage.asCommandMessage("register"));
        clock.add(7, TimeUnit.MILLISECONDS);
        callback.reportSuccess();

        var timer = registry.get(MessageMeters.DURATION).tag("component", "commandBus").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7);
        assertThat(count("commands", "success")).isEqualTo(1);
        assertThat(registry.find(MessageMeters.EVENT_AGE).meters()).isEmpty();
    }
}
