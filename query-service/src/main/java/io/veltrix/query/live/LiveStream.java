package io.veltrix.query.live;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One watcher's server-sent-event stream, written with the servlet's non-blocking output: an
 * offered frame is written only when the socket can take it, so a slow or stalled watcher never
 * holds up the tick that serves everyone else. A watcher that falls behind keeps only the newest
 * frame waiting (boards are snapshots: an older one is worthless once a newer exists), so its
 * cost stays one frame however far behind it is. A watcher that asked for changes rather than whole
 * boards gets each change while it keeps up; once a frame had to be dropped, the next one it gets
 * is the whole board, since a change only applies to the board just before it.
 */
final class LiveStream implements WriteListener, AsyncListener {

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Consumer<LiveStream> onClose;
    private final boolean takesChanges;
    // Guarded by this: touched by the tick (offer) and the container's write-possible callbacks.
    private byte[] waiting;
    private boolean unflushed;
    private boolean started;
    private boolean closed;

    /**
     * A stream over an asynchronous response whose headers are set; nothing is written before
     * {@link #start}. {@code takesChanges}: the watcher applies change frames to the board it holds.
     */
    LiveStream(AsyncContext async, boolean takesChanges, Consumer<LiveStream> onClose) throws IOException {
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.takesChanges = takesChanges;
        this.onClose = onClose;
    }

    /** Frames offered before this (the first board) go out as soon as the socket is writable. */
    void start() {
        async.addListener(this);
        synchronized (this) {
            // Until the listener is set the output is still blocking: nothing may be written before.
            out.setWriteListener(this);
            started = true;
        }
        onWritePossible();
    }

    /**
     * Offers the next board, as its change from the previous one and as a whole: a watcher taking
     * changes whose last frame went out gets the change, any other the whole board, which replaces
     * whatever frame still waits. Written at once if the socket allows.
     */
    void offer(byte[] change, byte[] whole) {
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting = takesChanges && waiting == null ? change : whole;
        }
        onWritePossible();
    }

    /** A keep-alive goes out only when nothing else waits: any frame keeps the connection alive. */
    void offerIfIdle(byte[] frame) {
        synchronized (this) {
            if (closed || waiting != null) {
                return;
            }
            waiting = frame;
        }
        onWritePossible();
    }

    @Override
    public void onWritePossible() {
        synchronized (this) {
            try {
                while (started && !closed && out.isReady()) {
                    if (unflushed) {
                        unflushed = false;
                        out.flush(); // starts sending; isReady() says when the socket took it
                    } else if (waiting != null) {
                        byte[] frame = waiting;
                        waiting = null;
                        out.write(frame);
                        unflushed = true;
                    } else {
                        return;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                complete();
            }
        }
    }

    /** Ends the response: shutdown, a failed write, or the stream's time is up (EventSource reconnects by itself). */
    void complete() {
        if (markClosed()) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyDone) {
                // the container finished it first
            }
        }
    }

    private boolean markClosed() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            waiting = null;
        }
        onClose.accept(this);
        return true;
    }

    @Override
    public void onError(Throwable t) {
        complete();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        markClosed();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        complete();
    }

    @Override
    public void onError(AsyncEvent event) {
        complete();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
