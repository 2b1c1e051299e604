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

    /** What a watcher asked for after its first board. */
    enum Takes {
        /** every board whole */
        BOARDS,
        /** changes whose lines are every line not where it was (what clients asked for before moved runs) */
        CHANGES,
        /** changes with runs of moved lines ({@link BoardChange}) */
        MOVES
    }

    /**
     * One board update, encoded once for every kind of watcher: the whole board, and its change
     * from the last one without and with moved runs (either change may be left out when no watcher
     * takes it: a watcher then gets the whole board).
     */
    record Update(byte[] whole, byte[] change, byte[] changeWithMoves) {

        /** The first board of a hunt: there is nothing to change from. */
        static Update first(byte[] whole) {
            return new Update(whole, null, null);
        }

        byte[] changeFor(Takes takes) {
            byte[] frame = switch (takes) {
                case BOARDS -> whole;
                case CHANGES -> change;
                case MOVES -> changeWithMoves;
            };
            return frame != null ? frame : whole;
        }
    }

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final Consumer<LiveStream> onClose;
    private final Takes takes;
    // Guarded by this: touched by the tick (offer) and the container's write-possible callbacks.
    private byte[] waiting;
    private boolean unflushed;
    private boolean started;
    private boolean closed;

    /**
     * A stream over an asynchronous response whose headers are set; nothing is written before
     * {@link #start}. {@code takes}: what the watcher gets after its first board.
     */
    LiveStream(AsyncContext async, Takes takes, Consumer<LiveStream> onClose) throws IOException {
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.takes = takes;
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

    Takes takes() {
        return takes;
    }

    /**
     * Offers the next board: a watcher taking changes whose last frame went out gets the change it
     * takes, any other the whole board, which replaces whatever frame still waits. Written at once
     * if the socket allows.
     */
    void offer(Update update) {
        synchronized (this) {
            if (closed) {
                return;
            }
            waiting = waiting == null ? update.changeFor(takes) : update.whole();
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
