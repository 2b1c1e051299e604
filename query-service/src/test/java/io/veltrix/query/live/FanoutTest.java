package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An update reaches every watcher exactly once, split over the fan-out's threads for a crowd and
 * written by the calling thread alone for a few watchers, and is handed out in full when
 * {@link Fanout#offer} returns.
 */
class FanoutTest {

    private final List<LiveStreamTest.Socket> sockets = new ArrayList<>();

    private List<LiveStream> watchers(int count) throws IOException {
        List<LiveStream> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LiveStreamTest.Socket socket = new LiveStreamTest.Socket();
            sockets.add(socket);
            LiveStream stream = LiveStreamTest.over(socket, LiveStream.Takes.CHANGES, closed -> { });
            stream.start();
            streams.add(stream);
        }
        return streams;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LiveStream.Update update(String change, String whole) {
        return new LiveStream.Update(bytes(whole), bytes(change), null);
    }

    private Set<String> writerThreads() {
        Set<String> all = new HashSet<>();
        sockets.forEach(socket -> all.addAll(socket.writers));
        return all;
    }

    @Test
    void aCrowdGetsEachUpdateOnceWrittenByAllTheThreadsAndInFullWhenOfferReturns() throws IOException {
        List<LiveStream> crowd = watchers(1_000);
        try (Fanout fanout = new Fanout(4, 0.25)) {
            assertThat(fanout.offer(crowd, update("change-1;", "whole-1;"))).as("CPU time of the writes").isPositive();
            assertThat(sockets).allSatisfy(socket -> assertThat(socket.text()).isEqualTo("change-1;"));
            fanout.offer(crowd, update("change-2;", "whole-2;"));
            assertThat(sockets).allSatisfy(socket -> assertThat(socket.text()).isEqualTo("change-1;change-2;"));
        }
        assertThat(writerThreads()).hasSize(4).contains(Thread.currentThread().getName());
    }

    @Test
    void aFewWatchersAreWrittenByTheCallingThreadAlone() throws IOException {
        List<LiveStream> few = watchers(2 * Fanout.MIN_SLICE - 1);
        try (Fanout fanout = new Fanout(4, 0.25)) {
            fanout.offer(few, update("c;", "w;"));
        }
        assertThat(sockets).allSatisfy(socket -> assertThat(socket.text()).isEqualTo("c;"));
        assertThat(writerThreads()).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void oneThreadIsTheCallingThread() throws IOException {
        List<LiveStream> crowd = watchers(500);
        try (Fanout fanout = new Fanout(1, 0.25)) {
            fanout.offer(crowd, update("c;", "w;"));
        }
        assertThat(sockets).allSatisfy(socket -> assertThat(socket.text()).isEqualTo("c;"));
        assertThat(writerThreads()).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void theNextUpdateWaitsUntilTheWritesTookNoMoreThanTheirShareOfACore() {
        try (Fanout quarter = new Fanout(4, 0.25)) {
            // 100 ms of writing CPU over 50 ms: 400 ms from the update's start keep it at a quarter
            assertThat(quarter.restAfter(50_000_000L, 100_000_000L)).isEqualTo(350_000_000L);
            // cheap updates wait only for the tick
            assertThat(quarter.restAfter(50_000_000L, 10_000_000L)).isZero();
        }
    }

    @Test
    void noCpuShareIsRefused() {
        assertThatThrownBy(() -> new Fanout(4, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("veltrix.live.fanout-cpu-share");
    }

    @Test
    void noThreadsIsRefused() {
        assertThatThrownBy(() -> new Fanout(0, 0.25)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("veltrix.live.fanout-threads");
    }
}
