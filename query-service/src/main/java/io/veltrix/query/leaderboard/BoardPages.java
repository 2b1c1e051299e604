package io.veltrix.query.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.query.Projections;
import io.veltrix.query.replay.ProjectionReplays;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Board pages recently read, as the JSON sent: thousands of spectators asking for the same top 50
 * share one query and one serialization for {@code veltrix.query.board-cache-ms}. While the
 * leaderboard is rebuilt nothing is kept or reused: a page read then is incomplete, and the edge,
 * which answers without the chain's {@code Veltrix-Rebuilding} header, must not serve it (nor serve
 * it as the truth once the rebuild is over).
 */
@Component
class BoardPages {

    /** The page size when a reader names none. */
    static final String DEFAULT_LIMIT = "50";

    record PageKey(String huntId, BoardView view, int limit, int offset) {
    }

    private final Leaderboards leaderboards;
    private final ObjectMapper json;
    private final ProjectionReplays replays;
    private final Cache<PageKey, byte[]> recent;

    BoardPages(Leaderboards leaderboards, ObjectMapper json, ProjectionReplays replays,
               @Value("${veltrix.query.board-cache-ms:100}") long cacheMillis) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.replays = replays;
        this.recent = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(Duration.ofMillis(Math.max(0, cacheMillis))).build();
    }

    /** The page, read and serialized unless a recent read of it is still fresh. */
    byte[] page(PageKey key) {
        if (rebuilding()) {
            return read(key);
        }
        return recent.get(key, this::read);
    }

    /** The page if a recent read of it is still fresh, else null (always null while the board is rebuilt). */
    byte[] recentPage(PageKey key) {
        return rebuilding() ? null : recent.getIfPresent(key);
    }

    private boolean rebuilding() {
        return replays.rebuilding(Projections.LEADERBOARD);
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
