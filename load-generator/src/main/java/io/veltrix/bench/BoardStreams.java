package io.veltrix.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * N subscribers of one live-board stream, whichever client carries them: {@link SseSubscribers}
 * (the generator's own, one selector thread) or {@link JettySseSubscribers} (Jetty's
 * {@code HttpClient}, measured against it by {@link ClientCost}). Both send the same request and
 * split the body with the same {@link SseParser}; what they received goes to a {@link BoardFrames}.
 */
interface BoardStreams extends AutoCloseable {

    /** The request headers of a subscription, besides Host. */
    List<String[]> HEADERS = List.of(new String[] {"Accept", "text/event-stream"}, new String[] {"Cache-Control", "no-cache"});

    /**
     * The live board of {@code hunt} at the query service {@code queryUrl} (scheme, host, port and
     * any path it is served under; a trailing slash is dropped). With {@code changes}, the board
     * once and then what changed, moved lines as runs, as the big screen and the player page ask;
     * without, every board whole.
     */
    static URI uri(String queryUrl, String hunt, boolean changes) {
        String base = queryUrl.endsWith("/") ? queryUrl.substring(0, queryUrl.length() - 1) : queryUrl;
        return URI.create(base + "/api/hunts/" + hunt + "/leaderboard/stream"
                + (changes ? "?changes=true&moves=true" : ""));
    }

    /** Streams are opened this many at a time, so the server's accept queue is not flooded. */
    int OPEN_STEP = 100;

    /** Opens the streams in steps, each step waited for (up to the timeout), then returns. */
    void start(long connectTimeoutNanos) throws InterruptedException;

    /** Streams answered 200. */
    int connected();

    /** Frames from now on go to a new tally, which is returned; the report shows it. */
    BoardFrames restartFrames();

    /** Streams opened, failed and lost, bytes received and the frames of the current tally. */
    Map<String, Object> report();

    @Override
    void close();

    /**
     * Calls {@code openOne} {@code count} times, {@link #OPEN_STEP} at a time, and after each step
     * waits until {@code settled} (answered or failed) has caught up, or until the deadline.
     */
    static void openInSteps(int count, long timeoutNanos, Runnable openOne, Runnable stepSent, IntSupplier settled)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        for (int i = 0; i < count; i += OPEN_STEP) {
            int n = Math.min(OPEN_STEP, count - i);
            for (int j = 0; j < n; j++) {
                openOne.run();
            }
            stepSent.run();
            while (settled.getAsInt() < i + n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }
}
