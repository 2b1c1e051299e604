package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A watcher's stream never blocks the tick: while its socket cannot take more, offers only replace
 * the waiting frame, and when the socket drains the newest board goes out, once. A watcher taking
 * changes gets each change of the kind it asked for while it keeps up and the whole board once it
 * could not.
 */
class LiveStreamTest {

    /**
     * A socket whose readiness the test decides, as the servlet container's non-blocking output; it
     * remembers the threads that wrote to it.
     */
    static final class Socket extends ServletOutputStream {
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final Set<String> writers = ConcurrentHashMap.newKeySet();
        boolean ready = true;
        boolean broken;
        boolean fillsOnWrite;
        int flushes;
        WriteListener listener;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
            try {
                writeListener.onWritePossible();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!ready) {
                throw new IllegalStateException("write while not ready");
            }
            if (broken) {
                throw new IOException("connection reset");
            }
            writers.add(Thread.currentThread().getName());
            sent.write(b, off, len);
            ready = !fillsOnWrite;
        }

        @Override
        public void flush() {
            if (!ready) {
                throw new IllegalStateException("flush while not ready");
            }
            flushes++;
        }

        String text() {
            return sent.toString(StandardCharsets.UTF_8);
        }

        void drain() throws IOException {
            ready = true;
            listener.onWritePossible();
        }
    }

    private final Socket socket = new Socket();
    private final List<LiveStream> closed = new ArrayList<>();

    private LiveStream open(String first) throws IOException {
        return open(first, LiveStream.Takes.BOARDS);
    }

    /** A stream, not started yet, whose response writes to {@code socket}. */
    static LiveStream over(Socket socket, LiveStream.Takes takes, Consumer<LiveStream> onClose) throws IOException {
        HttpServletResponseWrapper response = new HttpServletResponseWrapper(new MockHttpServletResponse()) {
            @Override
            public ServletOutputStream getOutputStream() {
                return socket;
            }
        };
        return new LiveStream(new MockAsyncContext(new MockHttpServletRequest(), response), takes, onClose);
    }

    private LiveStream open(String first, LiveStream.Takes takes) throws IOException {
        LiveStream stream = over(socket, takes, closed::add);
        stream.offer(LiveStream.Update.first(bytes(first)));
        assertThat(socket.text()).as("nothing written before the stream starts").isEmpty();
        stream.start();
        return stream;
    }

    /** A whole board "vN;" with its change "ΔvN;". */
    private static void offer(LiveStream stream, String whole) {
        stream.offer(new LiveStream.Update(bytes(whole), bytes("Δ" + whole), bytes("Δ→" + whole)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstFrameGoesOutFlushedAsSoonAsTheStreamStarts() throws IOException {
        open("v1;");
        assertThat(socket.text()).isEqualTo("v1;");
        assertThat(socket.flushes).isEqualTo(1);
    }

    @Test
    void aStalledWatcherKeepsOnlyTheNewestFrameAndGetsItWhenItsSocketDrains() throws IOException {
        LiveStream stream = open("v1;");
        socket.ready = false; // the watcher stopped reading: its socket buffers are full

        offer(stream, "v2;"); // returns at once: nothing may be written now
        offer(stream, "v3;");
        stream.offerIfIdle(bytes(":keep-alive;")); // a frame waits: no keep-alive needed
        assertThat(socket.text()).isEqualTo("v1;");

        socket.drain();
        assertThat(socket.text()).isEqualTo("v1;v3;");
        assertThat(socket.flushes).isEqualTo(2);
    }

    @Test
    void aFrameThatFillsTheSocketIsFlushedWhenTheSocketDrains() throws IOException {
        LiveStream stream = open("v1;");
        socket.fillsOnWrite = true;
        offer(stream, "v2;");
        assertThat(socket.text()).isEqualTo("v1;v2;");
        assertThat(socket.flushes).isEqualTo(1); // flushing now would be an error

        socket.fillsOnWrite = false;
        socket.drain();
        assertThat(socket.flushes).isEqualTo(2);
    }

    @Test
    void anIdleStreamGetsAKeepAlive() throws IOException {
        LiveStream stream = open("v1;");
        stream.offerIfIdle(bytes(":keep-alive;"));
        assertThat(socket.text()).isEqualTo("v1;:keep-alive;");
    }

    @Test
    void aBrokenConnectionClosesTheStreamOnceAndTakesNoMoreFrames() throws IOException {
        LiveStream stream = open("v1;");
        socket.broken = true;
        offer(stream, "v2;");
        assertThat(closed).containsExactly(stream);

        socket.broken = false;
        offer(stream, "v3;");
        stream.complete();
        assertThat(socket.text()).isEqualTo("v1;");
        assertThat(closed).containsExactly(stream);
    }

    @Test
    void aWatcherTakingChangesGetsEachChangeWhileItKeepsUp() throws IOException {
        LiveStream stream = open("v1;", LiveStream.Takes.CHANGES);
        offer(stream, "v2;");
        offer(stream, "v3;");
        assertThat(socket.text()).isEqualTo("v1;Δv2;Δv3;");
    }

    @Test
    void aWatcherTakingMovedRunsGetsTheChangesWithThem() throws IOException {
        LiveStream stream = open("v1;", LiveStream.Takes.MOVES);
        offer(stream, "v2;");
        offer(stream, "v3;");
        assertThat(socket.text()).isEqualTo("v1;Δ→v2;Δ→v3;");
    }

    @Test
    void aWatcherWhoseKindOfChangeWasNotEncodedGetsTheWholeBoard() throws IOException {
        LiveStream stream = open("v1;", LiveStream.Takes.CHANGES);
        stream.offer(new LiveStream.Update(bytes("v2;"), null, bytes("Δ→v2;")));
        assertThat(socket.text()).isEqualTo("v1;v2;");
    }

    @Test
    void aWatcherTakingChangesGetsTheWholeBoardOnceAChangeHadToBeDropped() throws IOException {
        LiveStream stream = open("v1;", LiveStream.Takes.CHANGES);
        socket.ready = false;
        offer(stream, "v2;");
        offer(stream, "v3;"); // the change to v2 never went out: the change to v3 would not apply
        socket.drain();
        offer(stream, "v4;");
        assertThat(socket.text()).isEqualTo("v1;v3;Δv4;");
    }
}
