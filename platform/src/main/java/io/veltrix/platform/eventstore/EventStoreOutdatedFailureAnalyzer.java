package io.veltrix.platform.eventstore;

import io.veltrix.eventstore.schema.EventStoreSchema.EventStoreOutdated;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an event store that is not up to date as Spring Boot's short "APPLICATION FAILED TO
 * START" notice, which says how to migrate it, instead of a stack trace of bean creation.
 */
public class EventStoreOutdatedFailureAnalyzer extends AbstractFailureAnalyzer<EventStoreOutdated> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EventStoreOutdated cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Migrate the event store as its owner (veltrix_eventstore) as said above, then start the service again.",
                cause);
    }
}
