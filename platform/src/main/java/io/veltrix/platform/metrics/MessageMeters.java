package io.veltrix.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Meters for one Axon component (an event processor, the command bus, the event bus): messages by
 * outcome, and optionally the handling time and, for event processors, the age of the last event
 * handled. Every meter is registered once, when the component is built, so a message costs a few
 * counter increments and no registry lookup.
 *
 * <p>Axon's own monitors ({@code axon.metrics.auto-configuration.enabled=true}) also keep every
 * message's duration for ten minutes ({@code CapacityMonitor}, a skip-list entry per message): a
 * projection catching up over a million events fills the heap with them. These keep no history.
 */
public final class MessageMeters implements MessageMonitor<Message<?>> {

    static final String MESSAGES = "veltrix.axon.messages";
    static final String DURATION = "veltrix.axon.message.duration";
    static final String EVENT_AGE = "veltrix.axon.event.age";

    private final Counter succeeded;
    private final Counter failed;
    private final Counter ignored;
    private final Timer duration;
    private final AtomicLong lastEventAge;
    private final io.micrometer.core.instrument.Clock clock;

    private MessageMeters(MeterRegistry registry, Tags tags, boolean timed, boolean eventAge) {
        this.clock = registry.config().clock();
        this.succeeded = Counter.builder(MESSAGES).tags(tags).tag("outcome", "success").register(registry);
        this.failed = Counter.builder(MESSAGES).tags(tags).tag("outcome", "failure").register(registry);
        this.ignored = Counter.builder(MESSAGES).tags(tags).tag("outcome", "ignored").register(registry);
        this.duration = timed ? Timer.builder(DURATION).tags(tags).register(registry) : null;
        if (eventAge) {
            this.lastEventAge = new AtomicLong();
            Gauge.builder(EVENT_AGE, lastEventAge, AtomicLong::get).tags(tags)
                    .baseUnit("milliseconds")
                    .description("how old the last event handled was when it was handled")
                    .register(registry);
        } else {
            this.lastEventAge = null;
        }
    }

    /** An event processor's meters: events handled by outcome and the age of the last one. */
    public static MessageMeters eventProcessor(MeterRegistry registry, String name) {
        return new MessageMeters(registry, Tags.of("component", "eventProcessor", "name", name), false, true);
    }

    /** A bus's meters: messages by outcome, and their handling time if {@code timed}. */
    public static MessageMeters bus(MeterRegistry registry, String kind, String name, boolean timed) {
        return new MessageMeters(registry, Tags.of("component", kind, "name", name), timed, false);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (lastEventAge != null && message instanceof EventMessage<?> event) {
            lastEventAge.set(Math.max(0, clock.wallTime() - event.getTimestamp().toEpochMilli()));
        }
        long start = duration == null ? 0 : clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                succeeded.increment();
                time();
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
                time();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
            }

            private void time() {
                if (duration != null) {
                    duration.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
                }
            }
        };
    }
}
