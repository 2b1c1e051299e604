package io.veltrix.query.live;

import io.veltrix.api.rule.RuleViolation;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many live streams may be open: in total ({@code veltrix.live.max-streams}; beyond it 503)
 * and from one client address ({@code veltrix.live.max-streams-per-address}; beyond it 429), so
 * that one client cannot take every connection the query service has. A whole venue often shares
 * one address: the per-address cap is generous and meant to be raised for such events.
 */
@Component
class StreamQuota {

    static final long RETRY_AFTER_SECONDS = 5;

    private final int total;
    private final int perAddress;
    private int open;
    private final Map<String, Integer> byAddress = new HashMap<>();

    StreamQuota(@Value("${veltrix.live.max-streams}") int total,
                @Value("${veltrix.live.max-streams-per-address}") int perAddress) {
        this.total = total;
        this.perAddress = perAddress;
    }

    /**
     * A place for one more stream from {@code address}, or a 503/429 rule violation; the returned
     * action gives the place back (running it again does nothing).
     */
    synchronized Runnable acquire(String address) {
        if (open >= total) {
            throw RuleViolation.unavailable("live-streams-full",
                    "the live board has " + total + " watchers already; try again shortly", RETRY_AFTER_SECONDS);
        }
        int mine = byAddress.getOrDefault(address, 0);
        if (mine >= perAddress) {
            throw RuleViolation.tooManyRequests("too-many-live-streams",
                    "at most " + perAddress + " live streams per client address", RETRY_AFTER_SECONDS);
        }
        open++;
        byAddress.put(address, mine + 1);
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(address);
            }
        };
    }

    private synchronized void release(String address) {
        open--;
        byAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Streams open now. */
    synchronized int open() {
        return open;
    }
}
