package io.veltrix.testsupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The requests a service's request observation ({@code http.server.requests}) has timed. */
public final class ObservedRequests {

    private static final long SETTLE_MILLIS = 300;
    private static final long GIVE_UP_MILLIS = 10_000;

    private ObservedRequests() {
    }

    /**
     * How many, once the count has stayed the same for 300 ms: an observation ends after its answer
     * has gone out, so the requests a test just sent are counted a moment after it has their answers.
     */
    public static long settled(MeterRegistry meters) throws InterruptedException {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        long last = count(meters);
        while (true) {
            Thread.sleep(SETTLE_MILLIS);
            long now = count(meters);
            if (now == last) {
                return now;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the count of observed requests kept changing for " + GIVE_UP_MILLIS + " ms");
            }
            last = now;
        }
    }

    private static long count(MeterRegistry meters) {
        return meters.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
    }
}
