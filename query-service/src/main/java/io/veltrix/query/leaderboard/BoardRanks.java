package io.veltrix.query.leaderboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A player's (or a team's) place on a board, without counting in the database the rows ahead of
 * it, which visits every one of them (a read of a player in the middle of 4,000 took 4–7 ms).
 *
 * <p>Each board (a hunt, a view, players or teams) is held in order as of one version of the hunt's
 * board, and a rank is a binary search in it. The board writer stamps every row it changes with the
 * version its transaction gave the hunt ({@code lb_player.changed_version}); a read first asks for
 * the rows changed since the held version, so the answer is exact, never a cached one: few changes
 * are weighed against the reader one by one, more are folded into a new order that the next reads
 * start from. A board emptied and rebuilt starts a new {@code lb_hunt.epoch}, and is then read again
 * whole.
 */
@Component
public class BoardRanks {

    /**
     * The columns of an {@code lb_player} row {@code p} that {@link Standing#read} takes, in its
     * order: a query that reads a row's standing with other values selects them.
     */
    public static final String STANDING_COLUMNS = """
            p.registered_index, p.team, p.disqualified, p.pub_visible,
            p.live_score, p.live_reached_at, p.pub_score, p.pub_reached_at""";

    /**
     * The start of an {@code UPDATE lb_player p SET} list that stamps the row with the version the
     * writer's transaction gave the hunt's board (after it locked the board row and bumped it).
     */
    static final String STAMP_CHANGE = " changed_version = (SELECT h.version FROM lb_hunt h WHERE h.hunt_id = p.hunt_id),";

    /** Changed rows beyond which a read folds them into a new order instead of weighing each. */
    private static final int FOLD_AFTER = 32;

    private final JdbcClient jdbc;
    /** Held orders, weighed by their rows: a few MiB at most, whatever the number of hunts. */
    private final Cache<Board, Ranking> rankings = Caffeine.newBuilder()
            .maximumWeight(500_000)
            .weigher((Board board, Ranking ranking) -> ranking.order.length + 1)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    public BoardRanks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A row of lb_player as far as the board's order goes. */
    public record Standing(long registeredIndex, boolean team, boolean disqualified, boolean pubVisible,
                           int liveScore, long liveReachedMicros, int pubScore, long pubReachedMicros) {

        /** The row's standing from {@link #STANDING_COLUMNS}, the first of them at column {@code first}. */
        public static Standing read(ResultSet rs, int first) throws SQLException {
            return new Standing(rs.getLong(first), rs.getBoolean(first + 1), rs.getBoolean(first + 2),
                    rs.getBoolean(first + 3), rs.getInt(first + 4), micros(rs.getTimestamp(first + 5)),
                    rs.getInt(first + 6), micros(rs.getTimestamp(first + 7)));
        }

        /** Whether the row has a place on that board at all. */
        boolean ranked(BoardView view) {
            return !disqualified && (view == BoardView.LIVE || pubVisible);
        }

        /** Whether this row comes before {@code other} on the board of {@code view}: higher score, reached earlier, registered earlier. */
        boolean ahead(Standing other, BoardView view) {
            int score = score(view);
            int theirs = other.score(view);
            if (score != theirs) {
                return score > theirs;
            }
            long reached = reached(view);
            long theirReached = other.reached(view);
            if (reached != theirReached) {
                return reached < theirReached;
            }
            return registeredIndex < other.registeredIndex;
        }

        private int score(BoardView view) {
            return view == BoardView.LIVE ? liveScore : pubScore;
        }

        private long reached(BoardView view) {
            return view == BoardView.LIVE ? liveReachedMicros : pubReachedMicros;
        }

        private static long micros(Timestamp at) {
            Instant instant = at.toInstant();
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        }
    }

    /** The place of the row {@code own} of the hunt on the board of {@code view}; empty when it is not on it. */
    public Optional<Integer> rank(String huntId, BoardView view, Standing own) {
        if (!own.ranked(view)) {
            return Optional.empty();
        }
        Board board = new Board(huntId, view, own.team());
        Ranking ranking = rankings.getIfPresent(board);
        List<Standing> changed = List.of();
        if (ranking != null) {
            Changes changes = changesSince(huntId, ranking.version);
            if (changes.epoch != ranking.epoch) {
                ranking = null;
            } else if (changes.rows.size() > FOLD_AFTER) {
                ranking = ranking.fold(board, changes);
                rankings.put(board, ranking);
            } else {
                changed = changes.rows;
            }
        }
        if (ranking == null) {
            ranking = load(board);
            rankings.put(board, ranking);
        }
        int ahead = ranking.ahead(own, view);
        Standing ownBefore = ranking.of(own.registeredIndex());
        if (ownBefore != null && ownBefore.ahead(own, view)) {
            ahead--; // its own older place
        }
        for (Standing row : changed) {
            if (row.team() != own.team() || row.registeredIndex() == own.registeredIndex()) {
                continue;
            }
            Standing before = ranking.of(row.registeredIndex());
            if (before != null && before.ahead(own, view)) {
                ahead--;
            }
            if (row.ranked(view) && row.ahead(own, view)) {
                ahead++;
            }
        }
        return Optional.of(ahead + 1);
    }

    /** One board: a hunt's players or its teams, in one view. */
    private record Board(String huntId, BoardView view, boolean team) {
    }

    /** A hunt's board as of one statement: its epoch and version, and rows of it read with them. */
    private record Changes(long epoch, long version, List<Standing> rows) {
    }

    /** No board row for the hunt (yet, or while it is emptied). */
    private static final long NO_BOARD = -1;

    private Changes changesSince(String huntId, long version) {
        return read(huntId, "p.changed_version > :version", "version", version);
    }

    private Ranking load(Board board) {
        Changes all = read(board.huntId(), "p.team = :team", "team", board.team());
        return Ranking.of(all.epoch(), all.version(), board.view(),
                all.rows().stream().filter(row -> row.ranked(board.view())).toList());
    }

    /**
     * The hunt board's epoch and version and, in the same statement, its lb_player rows {@code p}
     * that {@code rows} (a condition with one parameter) admits.
     */
    private Changes read(String huntId, String rows, String parameter, Object value) {
        List<Standing> read = new ArrayList<>();
        long[] board = {NO_BOARD, NO_BOARD};
        jdbc.sql("SELECT h.epoch, h.version, " + STANDING_COLUMNS
                        + " FROM lb_hunt h LEFT JOIN lb_player p ON p.hunt_id = h.hunt_id AND " + rows
                        + " WHERE h.hunt_id = :hunt")
                .param("hunt", huntId).param(parameter, value)
                .query(rs -> {
                    board[0] = rs.getLong(1);
                    board[1] = rs.getLong(2);
                    rs.getLong(3);
                    if (!rs.wasNull()) {
                        read.add(Standing.read(rs, 3));
                    }
                });
        return new Changes(board[0], board[1], read);
    }

    /** A board's ranked rows in order as of one version, and where each row is in that order. */
    private static final class Ranking {

        final long epoch;
        final long version;
        final Standing[] order;
        /** The rows by registration index, for finding a row's older place. */
        final Standing[] byRegistration;

        private Ranking(long epoch, long version, Standing[] order, Standing[] byRegistration) {
            this.epoch = epoch;
            this.version = version;
            this.order = order;
            this.byRegistration = byRegistration;
        }

        static Ranking of(long epoch, long version, BoardView view, List<Standing> rows) {
            Standing[] order = rows.toArray(Standing[]::new);
            Arrays.sort(order, (a, b) -> a.ahead(b, view) ? -1 : b.ahead(a, view) ? 1 : 0);
            Standing[] byRegistration = order.clone();
            Arrays.sort(byRegistration, Comparator.comparingLong(Standing::registeredIndex));
            return new Ranking(epoch, version, order, byRegistration);
        }

        /** This order with the changed rows in their new places (or out of it), as of the changes' version. */
        Ranking fold(Board board, Changes changes) {
            Set<Long> moved = new HashSet<>();
            List<Standing> rows = new ArrayList<>(order.length + changes.rows.size());
            for (Standing row : changes.rows) {
                moved.add(row.registeredIndex());
                if (row.team() == board.team() && row.ranked(board.view())) {
                    rows.add(row);
                }
            }
            for (Standing row : order) {
                if (!moved.contains(row.registeredIndex())) {
                    rows.add(row);
                }
            }
            return of(changes.epoch, changes.version, board.view(), rows);
        }

        /** How many rows of this order are ahead of {@code standing}. */
        int ahead(Standing standing, BoardView view) {
            int low = 0;
            int high = order.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (order[middle].ahead(standing, view)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** The row registered at {@code registeredIndex} as this order has it, null if it is not in it. */
        Standing of(long registeredIndex) {
            int low = 0;
            int high = byRegistration.length - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                long index = byRegistration[middle].registeredIndex();
                if (index < registeredIndex) {
                    low = middle + 1;
                } else if (index > registeredIndex) {
                    high = middle - 1;
                } else {
                    return byRegistration[middle];
                }
            }
            return null;
        }
    }
}
