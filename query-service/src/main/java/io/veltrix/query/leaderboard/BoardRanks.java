package io.veltrix.query.leaderboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A player's (or a team's) place on a board, without counting in the database the rows ahead of
 * it, which visits every one of them (a read of a player in the middle of 4,000 took 4–7 ms).
 *
 * <p>Each board (a hunt, a view, players or teams) is held in order as of one version of the hunt's
 * board, and a rank is a binary search in it. The board writer stamps every row it changes with the
 * version its transaction gave the hunt ({@code lb_player.changed_version}). A reader's own row
 * comes with the board version its statement saw: when the held order is at least that recent, it
 * answers without a statement; otherwise the rows changed since the held version are read and
 * merged into a newer order, which the readers after it share. The answer is exact as of the
 * reader's own statement, never an older cached one. A board emptied and rebuilt starts a new
 * {@code lb_hunt.epoch}, and is then read again whole.
 */
@Component
public class BoardRanks implements MeterBinder {

    /**
     * The columns that {@link Standing#read} takes, in its order, of an {@code lb_player} row
     * {@code p} and its hunt's {@code lb_hunt} row {@code h} (which may be missing: a left join).
     */
    public static final String STANDING_COLUMNS = """
            p.registered_index, p.team, p.disqualified, p.pub_visible,
            p.live_score, p.live_reached_at, p.pub_score, p.pub_reached_at, h.epoch, h.version""";

    /**
     * The rows a player's or team's {@link #STANDING_COLUMNS} come from: {@code lb_player p} with its
     * hunt's board row {@code h}, if there is one.
     */
    public static final String STANDING_ROWS = " FROM lb_player p LEFT JOIN lb_hunt h ON h.hunt_id = p.hunt_id";

    /** Where the board's epoch is among {@link #STANDING_COLUMNS}, counted from the first (its version follows). */
    private static final int BOARD_EPOCH = 8;

    /**
     * The start of an {@code UPDATE lb_player p SET} list that stamps the row with the version the
     * writer's transaction gave the hunt's board (after it locked the board row and bumped it).
     */
    static final String STAMP_CHANGE = " changed_version = (SELECT h.version FROM lb_hunt h WHERE h.hunt_id = p.hunt_id),";

    /** No board row for the hunt (yet, or while it is emptied). */
    private static final long NO_BOARD = -1;

    private final JdbcClient jdbc;
    /** Held orders, weighed by their rows: a few MiB at most, whatever the number of hunts. */
    private final Cache<Board, Ranking> rankings = Caffeine.newBuilder()
            .maximumWeight(500_000)
            .weigher((Board board, Ranking ranking) -> ranking.order.length + 1)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** Statements read for ranks: rows changed since a held order, and whole boards. */
    private final LongAdder changesRead = new LongAdder();
    private final LongAdder boardsRead = new LongAdder();

    public BoardRanks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("veltrix.board.ranks.reads", changesRead, LongAdder::sum).tag("rows", "changed")
                .description("statements that read a board's rows changed since the order held for ranks")
                .register(registry);
        FunctionCounter.builder("veltrix.board.ranks.reads", boardsRead, LongAdder::sum).tag("rows", "whole")
                .description("statements that read a whole board to order it for ranks")
                .register(registry);
    }

    /**
     * A row of lb_player as far as the board's order goes, and the epoch and version of its hunt's
     * board that the statement which read it saw.
     */
    public record Standing(long registeredIndex, boolean team, boolean disqualified, boolean pubVisible,
                           int liveScore, long liveReachedMicros, int pubScore, long pubReachedMicros,
                           long boardEpoch, long boardVersion) {

        /** The row's standing from {@link #STANDING_COLUMNS}, the first of them at column {@code first}. */
        public static Standing read(ResultSet rs, int first) throws SQLException {
            long epoch = rs.getLong(first + BOARD_EPOCH);
            boolean noBoard = rs.wasNull();
            return new Standing(rs.getLong(first), rs.getBoolean(first + 1), rs.getBoolean(first + 2),
                    rs.getBoolean(first + 3), rs.getInt(first + 4), micros(rs.getTimestamp(first + 5)),
                    rs.getInt(first + 6), micros(rs.getTimestamp(first + 7)),
                    noBoard ? NO_BOARD : epoch, noBoard ? NO_BOARD : rs.getLong(first + BOARD_EPOCH + 1));
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
        if (ranking == null || !ranking.asRecentAs(own)) {
            Ranking newer = ranking == null ? null : ranking.since(board, changesSince(huntId, ranking.version));
            ranking = hold(board, newer != null ? newer : load(board));
        }
        int ahead = ranking.ahead(own, view);
        Standing ownHeld = ranking.of(own.registeredIndex());
        if (ownHeld != null && ownHeld.ahead(own, view)) {
            ahead--; // its own place in the held order, where the reader's statement saw it elsewhere
        }
        return Optional.of(ahead + 1);
    }

    /** Holds {@code read} unless a reader at the same time held a more recent order; returns what is held. */
    private Ranking hold(Board board, Ranking read) {
        return rankings.asMap().merge(board, read, (held, offered) -> offered.newerThan(held) ? offered : held);
    }

    /** One board: a hunt's players or its teams, in one view. */
    private record Board(String huntId, BoardView view, boolean team) {
    }

    /** A hunt's board as of one statement: its epoch and version, and rows of it read with them. */
    private record Changes(long epoch, long version, List<Standing> rows) {
    }

    private Changes changesSince(String huntId, long version) {
        changesRead.increment();
        return read(huntId, "p.changed_version > :version", "version", version);
    }

    private Ranking load(Board board) {
        boardsRead.increment();
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
        jdbc.sql("SELECT " + STANDING_COLUMNS
                        + " FROM lb_hunt h LEFT JOIN lb_player p ON p.hunt_id = h.hunt_id AND " + rows
                        + " WHERE h.hunt_id = :hunt")
                .param("hunt", huntId).param(parameter, value)
                .query(rs -> {
                    board[0] = rs.getLong(1 + BOARD_EPOCH);
                    board[1] = rs.getLong(1 + BOARD_EPOCH + 1);
                    rs.getLong(1);
                    if (!rs.wasNull()) {
                        read.add(Standing.read(rs, 1));
                    }
                });
        return new Changes(board[0], board[1], read);
    }

    /** A board's ranked rows in order as of one version, and where each row is in that order. */
    static final class Ranking {

        final long epoch;
        final long version;
        final Standing[] order;
        /** The rows by registration index, for finding a row's place in the order. */
        final Standing[] byRegistration;

        private Ranking(long epoch, long version, Standing[] order, Standing[] byRegistration) {
            this.epoch = epoch;
            this.version = version;
            this.order = order;
            this.byRegistration = byRegistration;
        }

        static Ranking of(long epoch, long version, BoardView view, List<Standing> rows) {
            Standing[] order = rows.toArray(Standing[]::new);
            Arrays.sort(order, boardOrder(view));
            Standing[] byRegistration = order.clone();
            Arrays.sort(byRegistration, BY_REGISTRATION);
            return new Ranking(epoch, version, order, byRegistration);
        }

        static final Comparator<Standing> BY_REGISTRATION = Comparator.comparingLong(Standing::registeredIndex);

        private static final Comparator<Standing> LIVE_ORDER = orderOn(BoardView.LIVE);
        private static final Comparator<Standing> PUBLIC_ORDER = orderOn(BoardView.PUBLIC);

        static Comparator<Standing> boardOrder(BoardView view) {
            return view == BoardView.LIVE ? LIVE_ORDER : PUBLIC_ORDER;
        }

        private static Comparator<Standing> orderOn(BoardView view) {
            return (a, b) -> a.ahead(b, view) ? -1 : b.ahead(a, view) ? 1 : 0;
        }

        /** Whether this order is of the board {@code own} was read with, at its version or a later one. */
        boolean asRecentAs(Standing own) {
            return epoch == own.boardEpoch() && version >= own.boardVersion();
        }

        boolean newerThan(Ranking other) {
            return epoch != other.epoch ? epoch > other.epoch : version > other.version;
        }

        /**
         * This order with the changed rows in their new places (or out of it), as of the changes'
         * version; null when the board has been emptied since (another epoch) and must be read whole.
         * The rows in between keep their order: each array is copied in runs between the places a
         * changed row leaves or takes, which are found by binary search, so a board of thousands
         * with a few changed rows costs a few block copies rather than a comparison per row.
         */
        Ranking since(Board board, Changes changes) {
            if (changes.epoch() != epoch) {
                return null;
            }
            if (changes.rows().isEmpty()) {
                return new Ranking(epoch, changes.version(), order, byRegistration);
            }
            Standing[] left = changes.rows().stream()
                    .map(row -> of(row.registeredIndex()))
                    .filter(Objects::nonNull)
                    .toArray(Standing[]::new);
            Standing[] placed = changes.rows().stream()
                    .filter(row -> row.team() == board.team() && row.ranked(board.view()))
                    .toArray(Standing[]::new);
            Comparator<Standing> boardOrder = boardOrder(board.view());
            return new Ranking(epoch, changes.version(), replace(order, left, placed, boardOrder),
                    replace(byRegistration, left, placed, BY_REGISTRATION));
        }

        /**
         * {@code rows} (sorted by {@code order}, no two equal) without {@code left} (some of them)
         * and with {@code placed}, sorted by {@code order}; sorts {@code placed}.
         */
        static Standing[] replace(Standing[] rows, Standing[] left, Standing[] placed, Comparator<Standing> order) {
            int[] leaves = new int[left.length];
            for (int i = 0; i < left.length; i++) {
                leaves[i] = Arrays.binarySearch(rows, left[i], order);
            }
            Arrays.sort(leaves);
            Arrays.sort(placed, order);
            int[] takes = new int[placed.length];
            for (int i = 0; i < placed.length; i++) {
                takes[i] = firstNotAhead(rows, placed[i], order);
            }
            Standing[] replaced = new Standing[rows.length - left.length + placed.length];
            int n = 0;
            int from = 0;
            int leaving = 0;
            int placing = 0;
            while (leaving < leaves.length || placing < placed.length) {
                boolean place = placing < placed.length && (leaving == leaves.length || takes[placing] <= leaves[leaving]);
                int upTo = place ? takes[placing] : leaves[leaving];
                System.arraycopy(rows, from, replaced, n, upTo - from);
                n += upTo - from;
                from = upTo;
                if (place) {
                    replaced[n++] = placed[placing++];
                } else {
                    from++;
                    leaving++;
                }
            }
            System.arraycopy(rows, from, replaced, n, rows.length - from);
            return replaced;
        }

        /** The first place in {@code rows} whose row {@code standing} does not come after. */
        private static int firstNotAhead(Standing[] rows, Standing standing, Comparator<Standing> order) {
            int low = 0;
            int high = rows.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (order.compare(rows[middle], standing) < 0) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** How many rows of this order are ahead of {@code standing}. */
        int ahead(Standing standing, BoardView view) {
            return firstNotAhead(order, standing, boardOrder(view));
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
