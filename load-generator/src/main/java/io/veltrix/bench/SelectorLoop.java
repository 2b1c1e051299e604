package io.veltrix.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One selector thread over non-blocking sockets, as the load streams' HTTP client and the SSE
 * subscribers both run them: it selects, hands each ready key to its client with one read buffer
 * reused for every read, then lets the client take in new work. Whatever a client keeps per
 * connection is touched only on this thread, so it needs no locks.
 */
final class SelectorLoop implements AutoCloseable {

    /** What runs on the loop's thread, turn by turn. */
    interface Client {

        /** How long the next select may wait, in milliseconds; 0: until woken. */
        long selectTimeoutMillis();

        /** One ready key; {@code buffer} is the loop's read buffer, lent for this call only. */
        void ready(SelectionKey key, ByteBuffer buffer);

        /** After a turn's ready keys: new work in, what is due out. */
        void turn() throws IOException;

        /** A turn failed: true to go on with the next one, false to end the loop. */
        boolean carryOn(Exception failure);

        /** The loop has ended: closed ({@code failure} null) or after a failure it did not carry on from. */
        void ended(Exception failure);
    }

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final Selector selector;
    private final Thread thread;
    private final Client client;
    private volatile boolean running = true;

    SelectorLoop(String threadName, Client client) throws IOException {
        this.client = client;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** False once the loop has been closed or has ended. */
    boolean running() {
        return running;
    }

    /** Ends the current select early, so the client's next turn comes now. */
    void wakeup() {
        selector.wakeup();
    }

    /** Registers {@code channel} with the loop; on the loop's thread only. */
    SelectionKey register(SocketChannel channel, int ops, Object attachment) throws ClosedChannelException {
        return channel.register(selector, ops, attachment);
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        Exception failure = null;
        try {
            while (running) {
                try {
                    selector.select(client.selectTimeoutMillis());
                    var keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        if (key.isValid()) {
                            client.ready(key, buffer);
                        }
                    }
                    client.turn();
                } catch (IOException | RuntimeException e) {
                    if (!client.carryOn(e)) {
                        failure = e;
                        break;
                    }
                }
            }
        } finally {
            running = false;
            client.ended(failure);
        }
    }

    /** Stops the loop (waiting a moment for its thread), then closes every channel still registered. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }
}
