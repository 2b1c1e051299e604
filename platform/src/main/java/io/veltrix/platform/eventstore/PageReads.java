package io.veltrix.platform.eventstore;

import java.util.List;
import java.util.function.Predicate;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A bulk read of the event stream for a replay: up to {@code limit} stored events after a token in
 * one query, of which only those whose stored payload type a reader wants are decoded (upcast and
 * deserialized); the others only move the token. A replay of one projection skips most of the
 * store's event types, and decoding them was most of what reading cost. A decoded domain event is
 * a {@link PageEvent}: its metadata is decoded only when asked for.
 */
public interface PageReads {

    /**
     * The events after {@code token} ({@code null}: from the start), oldest first, of those whose
     * payload type name {@code wanted} accepts; {@code reached} is the token after every event read,
     * wanted or not ({@code null} when none was), {@code read} how many were.
     */
    Page readPage(TrackingToken token, int limit, Predicate<String> wanted);

    record Page(List<? extends TrackedEventMessage<?>> events, TrackingToken reached, int read) {
    }
}
