package io.veltrix.query.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.veltrix.query.Projections;
import io.veltrix.query.replay.ProjectionReplays;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Board pages recently read, as the JSON sent: thousands of spectators asking for the same top 50
 * share one query and one serialization. A page older than {@code veltrix.query.board-cache-ms} is
 * read again in the background by the first reader that finds it so (one read at a time per page),
 * and the readers meanwhile get the page they had, so no spectator waits for the database while
 * others ask for the same page; only a page twice that old, or not read yet, is read while the
 * reader waits. A page served is therefore at most twice {@code board-cache-ms} old, and a read that
 * fails in the background drops the page, so the next reader meets the failure itself.
 *
 * <p>While the leaderboard is rebuilt nothing is kept or reused: a page read then is incomplete, and
 * the edge, which answers without the chain's {@code Veltrix-Rebuilding} header, must not serve it
 * (nor serve it as the truth once the rebuild is over). A read that ends while a rebuild runs is not
 * kept either, whenever it started.
 *
 * <p>The background reads run on threads of their own ({@code board-page-refresh-N}), not on the
 * JVM's shared fork-join pool, which has one thread on two cores: a task blocking there would hold
 * every page's refresh until the pages expire and their readers wait for the database again.
 */
@Component
class BoardPages {

    /** The page size when a reader names none. */
    static final String DEFAULT_LIMIT = "50";

    /** Pages read again at once: a read is one short query, and few pages are watched at a time. */
    private static final int REFRESH_THREADS = 2;

    record PageKey(String huntId, BoardView view, int limit, int offset) {
    }

    private final Leaderboards leaderboards;
    private final ObjectMapper json;
    private final ProjectionReplays replays;
    /** Null when pages are not reused ({@code board-cache-ms} 0). */
    private final LoadingCache<PageKey, byte[]> recent;
    private final ExecutorService refreshes;

    BoardPages(Leaderboards leaderboards, ObjectMapper json, ProjectionReplays replays,
               @Value("${veltrix.query.board-cache-ms:100}") long cacheMillis) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.replays = replays;
        AtomicInteger n = new AtomicInteger();
        this.refreshes = cacheMillis <= 0 ? null : Executors.newFixedThreadPool(REFRESH_THREADS, task -> {
            Thread thread = new Thread(task, "board-page-refresh-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.recent = cacheMillis <= 0 ? null : Caffeine.newBuilder().maximumSize(10_000).executor(refreshes)
                .refreshAfterWrite(Duration.ofMillis(cacheMillis))
                .expireAfterWrite(Duration.ofMillis(2 * cacheMillis))
                .build(new CacheLoader<>() {
                    @Override
                    public byte[] load(PageKey key) {
                        return kept(key);
                    }

                    @Override
                    public byte[] reload(PageKey key, byte[] old) {
                        try {
                            return kept(key);
                        } catch (RuntimeException e) {
                            return null; // dropped: the next reader reads it and gets the failure's answer
                        }
                    }
                });
    }

    @PreDestroy
    void close() {
        if (refreshes != null) {
            refreshes.shutdownNow();
        }
    }

    /** The page, read and serialized unless a recent read of it is still fresh enough. */
    byte[] page(PageKey key) {
        byte[] page = recent == null || rebuilding() ? null : recent.get(key);
        return page != null ? page : read(key);
    }

    /** The page if a recent read of it is still fresh enough, else null (always null while the board is rebuilt). */
    byte[] recentPage(PageKey key) {
        return recent == null || rebuilding() ? null : recent.getIfPresent(key);
    }

    private boolean rebuilding() {
        return replays.rebuilding(Projections.LEADERBOARD);
    }

    /** The page read now, or null when a rebuild runs as the read ends (the read may be incomplete). */
    private byte[] kept(PageKey key) {
        byte[] page = read(key);
        return rebuilding() ? null : page;
    }

    private byte[] read(PageKey key) {
        Leaderboards.Rows rows = leaderboards.rows(key.huntId(), key.view(), key.limit(), key.offset());
        // a team-mode hunt's lines are teams, served with their members
        return serialize(rows.teams() ? leaderboards.withMembers(rows.lines()) : rows.lines());
    }

    private byte[] serialize(List<?> lines) {
        try {
            return json.writeValueAsBytes(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a board page is always serializable", e);
        }
    }
}
