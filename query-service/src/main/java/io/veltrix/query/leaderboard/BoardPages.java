package io.veltrix.query.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Board pages recently read, as the JSON sent: thousands of spectators asking for the same top 50
 * share one query and one serialization for {@code veltrix.query.board-cache-ms}.
 */
@Component
class BoardPages {

    /** The page size when a reader names none. */
    static final String DEFAULT_LIMIT = "50";

    record PageKey(String huntId, BoardView view, int limit, int offset) {
    }

    private final Leaderboards leaderboards;
    private final ObjectMapper json;
    private final Cache<PageKey, byte[]> recent;

    BoardPages(Leaderboards leaderboards, ObjectMapper json,
               @Value("${veltrix.query.board-cache-ms:100}") long cacheMillis) {
        this.leaderboards = leaderboards;
        this.json = json;
        this.recent = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(Duration.ofMillis(Math.max(0, cacheMillis))).build();
    }

    /** The page, read and serialized unless a recent read of it is still fresh. */
    byte[] page(PageKey key) {
        return recent.get(key, k -> {
            Leaderboards.Rows rows = leaderboards.rows(k.huntId(), k.view(), k.limit(), k.offset());
            // a team-mode hunt's lines are teams, served with their members
            return serialize(rows.teams() ? leaderboards.withMembers(rows.lines()) : rows.lines());
        });
    }

    /** The page if a recent read of it is still fresh, else null. */
    byte[] recentPage(PageKey key) {
        return recent.getIfPresent(key);
    }

    private byte[] serialize(List<?> lines) {
        try {
            return json.writeValueAsBytes(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a board page is always serializable", e);
        }
    }
}
