package io.veltrix.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link BoardStreams} client's streams did, whichever client carries them: answered 200,
 * failed, closed by the server during the run, bytes received, and the frames of the current tally.
 */
final class StreamCounts {

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    final AtomicLong bytes = new AtomicLong();
    private final Errors errors;
    private volatile BoardFrames frames;

    StreamCounts(Errors errors) {
        this.errors = errors;
        this.frames = new BoardFrames(errors);
    }

    /** The tally frames go to now. */
    BoardFrames frames() {
        return frames;
    }

    /** Streams answered or failed: those whose opening has settled. */
    int settled() {
        return connected.get() + failed.get();
    }

    /** Frames from now on go to a new tally, which is returned. */
    BoardFrames restartFrames() {
        BoardFrames fresh = new BoardFrames(errors);
        frames = fresh;
        return fresh;
    }

    /** {@link BoardStreams#report()} of {@code requested} streams. */
    Map<String, Object> report(int requested) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requested", requested);
        out.put("connected", connected.get());
        out.put("failed", failed.get());
        out.put("lostDuringRun", closedByServer.get());
        out.put("bytesReceived", bytes.get());
        out.putAll(frames.report());
        return out;
    }
}
