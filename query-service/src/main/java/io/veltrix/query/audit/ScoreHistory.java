package io.veltrix.query.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.Standing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The score-over-time of a hunt's leaders, for the big screen's chart: the point-in-time boards of
 * the audit trail (one fold of the recorded events, read at evenly spaced instants), for the top
 * players of the board at the last instant. A big screen that opens late draws the past from this
 * and the present from the live stream. A fold reads the hunt's whole history, so one result per
 * hunt and sample count is shared for {@code veltrix.live.history-cache-ms}.
 */
@Component
public class ScoreHistory {

    /** Players drawn: the leaders of the board at the last instant. */
    public static final int TOP = 10;

    /** One player's score at each of the history's instants. */
    public record Series(String playerId, String handle, List<Integer> scores) {
    }

    /**
     * The scores of the {@code series} players at each of {@code times} (from {@code from} to
     * {@code to}); {@code finds}: how many finds the board at {@code to} counts.
     */
    public record History(String huntId, Instant from, Instant to, int finds, List<Instant> times,
                          List<Series> series) {
    }

    private record Key(String huntId, Instant from, Instant cutoff, int points) {
    }

    private final Audits audits;
    private final Cache<Key, History> recent;

    ScoreHistory(Audits audits, @Value("${veltrix.live.history-cache-ms}") long cacheMillis) {
        this.audits = audits;
        this.recent = Caffeine.newBuilder().maximumSize(1_000)
                .expireAfterWrite(Duration.ofMillis(Math.max(0, cacheMillis))).build();
    }

    /**
     * The history from {@code from} to {@code cutoff} (null: now) in {@code points} instants; a
     * cutoff (a freeze, the end) is part of the key, "now" is not, so a running hunt's history is at
     * most the cache's age old.
     */
    public History of(String huntId, Instant from, Instant cutoff, int points) {
        return recent.get(new Key(huntId, from, cutoff, points), key -> compute(key, cutoff == null ? Instant.now() : cutoff));
    }

    private History compute(Key key, Instant to) {
        Instant from = key.from() == null || key.from().isAfter(to) ? to : key.from();
        Scoreboard board = audits.foldUntil(key.huntId(), to);
        Instant last = to;
        List<Standing> leaders = board.board(cutoff(board, last));
        Map<String, List<Integer>> scores = new LinkedHashMap<>();
        leaders.stream().limit(TOP).forEach(s -> scores.put(s.playerId().value(), new ArrayList<>()));
        List<Instant> times = new ArrayList<>();
        long span = Duration.between(from, last).toMillis();
        for (int i = 0; i < key.points(); i++) {
            Instant at = i == key.points() - 1 ? last : from.plusMillis(span * i / (key.points() - 1));
            times.add(at);
            Map<String, Integer> then = new LinkedHashMap<>();
            board.board(cutoff(board, at)).forEach(s -> then.put(s.playerId().value(), s.score()));
            scores.forEach((player, list) -> list.add(then.getOrDefault(player, 0)));
        }
        List<Series> series = new ArrayList<>();
        leaders.stream().limit(TOP).forEach(s -> series.add(new Series(s.playerId().value(), s.handle(),
                scores.get(s.playerId().value()))));
        int finds = leaders.stream().mapToInt(Standing::cluesFound).sum();
        return new History(key.huntId(), from, to, finds, times, series);
    }

    /**
     * The board at an instant counts the events recorded at that instant too, as the audit's
     * point-in-time board does, but never one the public board hides: from the freeze on, the
     * public board counts only what came strictly before it.
     */
    private static Instant cutoff(Scoreboard board, Instant at) {
        Instant after = at.plusNanos(1);
        Instant freeze = board.frozenAt();
        return freeze != null && freeze.isBefore(after) ? freeze : after;
    }
}
