package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.replay.ProjectionReplays;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Board pages are shared: a page past {@code board-cache-ms} is read again in the background while
 * its readers keep getting the page they had, none of them waiting for the database; a page past
 * twice that is read while the reader waits; a background read that fails drops the page.
 */
class BoardPagesTest extends QueryTestBase {

    @Autowired
    ObjectMapper json;
    @Autowired
    ProjectionReplays replays;

    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean held = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Set<String> readers = ConcurrentHashMap.newKeySet();

    /** The service's own reads, which can be held back or made to fail. */
    private final class GatedReads extends Leaderboards {

        GatedReads() {
            super(jdbc);
        }

        @Override
        Rows rows(String huntId, BoardView view, int limit, int offset) {
            readers.add(Thread.currentThread().getName());
            if (failing.get()) {
                throw new DataAccessResourceFailureException("the database is away");
            }
            if (held.get()) {
                try {
                    released.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.rows(huntId, view, limit, offset);
        }
    }

    @AfterEach
    void release() {
        released.countDown();
    }

    /** A projected hunt's live top 10. */
    private BoardPages.PageKey projectedHunt(HuntScenario scenario) {
        scenario.appendTo(events, 60);
        awaitBoardsMatchReplay(scenario.hunt);
        return new BoardPages.PageKey(scenario.hunt.value(), BoardView.LIVE, 10, 0);
    }

    /** A find that changes the hunt's board, projected. */
    private void boardChanges(HuntScenario scenario) {
        events.append(new ClueFound(scenario.players.get(scenario.players.size() - 1), scenario.hunt,
                scenario.clues.get(0), 500));
        awaitBoardsMatchReplay(scenario.hunt);
    }

    /** The page as the database has it now (no page kept). */
    private byte[] readNow(BoardPages.PageKey key) {
        return new BoardPages(leaderboards, json, replays, 0).page(key);
    }

    @Test
    void aStalePageIsServedWhileItIsReadAgainAndThenTheNewOne() throws Exception {
        HuntScenario scenario = HuntScenario.generate(31L, 12, 4, 60);
        BoardPages.PageKey key = projectedHunt(scenario);
        BoardPages pages = new BoardPages(new GatedReads(), json, replays, 4_000);
        byte[] first = pages.page(key);
        long readAt = System.nanoTime();
        boardChanges(scenario);
        held.set(true);
        // stale (past 4 s), not yet expired (8 s)
        long staleAt = readAt + TimeUnit.MILLISECONDS.toNanos(4_500);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(staleAt - System.nanoTime())));

        // the read it starts waits at the gate; the readers get the page they had meanwhile
        byte[] served = CompletableFuture.supplyAsync(() -> pages.page(key)).get(900, TimeUnit.MILLISECONDS);
        assertThat(served).isEqualTo(first);
        assertThat(pages.recentPage(key)).isEqualTo(first);

        released.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !Arrays.equals(pages.recentPage(key), first));
        assertThat(pages.page(key)).isEqualTo(readNow(key));
    }

    @Test
    void theBackgroundReadsDoNotWaitForTheSharedPool() throws Exception {
        HuntScenario scenario = HuntScenario.generate(34L, 12, 4, 60);
        BoardPages.PageKey key = projectedHunt(scenario);
        BoardPages pages = new BoardPages(new GatedReads(), json, replays, 4_000);
        byte[] first = pages.page(key);
        long readAt = System.nanoTime();
        boardChanges(scenario);
        int poolThreads = ForkJoinPool.getCommonPoolParallelism();
        CountDownLatch poolBusy = new CountDownLatch(poolThreads);
        for (int i = 0; i < poolThreads; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                poolBusy.countDown();
                try {
                    released.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(poolBusy.await(10, TimeUnit.SECONDS)).isTrue();
        readers.clear();
        // stale (past 4 s), not yet expired (8 s), counted from the read: projecting the change takes a while
        long staleAt = readAt + TimeUnit.MILLISECONDS.toNanos(4_500);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(staleAt - System.nanoTime())));

        assertThat(pages.page(key)).isEqualTo(first);
        await().atMost(Duration.ofMillis(700)).until(() -> !Arrays.equals(pages.recentPage(key), first));
        assertThat(pages.recentPage(key)).isNotNull().isEqualTo(readNow(key));
        assertThat(readers).allMatch(name -> name.startsWith("board-page-refresh-"));
    }

    @Test
    void aPageTwiceAsOldIsReadWhileTheReaderWaits() throws Exception {
        HuntScenario scenario = HuntScenario.generate(32L, 12, 4, 60);
        BoardPages.PageKey key = projectedHunt(scenario);
        BoardPages pages = new BoardPages(new GatedReads(), json, replays, 300);
        byte[] first = pages.page(key);
        boardChanges(scenario);
        Thread.sleep(700);

        assertThat(pages.recentPage(key)).as("expired").isNull();
        assertThat(pages.page(key)).isNotEqualTo(first).isEqualTo(readNow(key));
    }

    @Test
    void aBackgroundReadThatFailsDropsThePageSoTheNextReaderMeetsTheFailure() throws Exception {
        HuntScenario scenario = HuntScenario.generate(33L, 12, 4, 60);
        BoardPages.PageKey key = projectedHunt(scenario);
        BoardPages pages = new BoardPages(new GatedReads(), json, replays, 1_000);
        byte[] first = pages.page(key);
        failing.set(true);
        Thread.sleep(1_200);

        assertThat(pages.page(key)).isEqualTo(first); // the reader that starts the read again
        await().atMost(Duration.ofSeconds(10)).until(() -> pages.recentPage(key) == null);
        assertThatThrownBy(() -> pages.page(key)).isInstanceOf(DataAccessResourceFailureException.class);
        failing.set(false);
        assertThat(pages.page(key)).isEqualTo(first);
    }
}
