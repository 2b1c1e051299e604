package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.RecentFind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A change applied as the board page applies it (line count, moved runs read from the held board,
 * changed lines by position, new finds in front of the old ticker) turns the board it was computed
 * from into the next one, whatever happened between: climbs, new players, players leaving the top,
 * a freeze hiding finds.
 */
class BoardChangeTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** The page's rule for a "change" event. */
    static LiveBoard apply(LiveBoard board, BoardChange change) {
        assertThat(change.base()).isEqualTo(board.version());
        List<BoardLine> held = board.board();
        List<BoardLine> lines = new ArrayList<>(held.subList(0, Math.min(held.size(), change.size())));
        while (lines.size() < change.size()) {
            lines.add(null);
        }
        change.moved().forEach(run -> {
            for (int i = 0; i < run.count(); i++) {
                lines.set(run.at() + i, BoardChange.shifted(held.get(run.from() + i), run.at() - run.from()));
            }
        });
        change.lines().forEach(changed -> lines.set(changed.at(), changed.line()));
        List<RecentFind> recent = new ArrayList<>(change.recent());
        recent.addAll(board.recent());
        return new LiveBoard(change.huntId(), change.version(), change.frozenAt(), lines,
                List.copyOf(recent.subList(0, change.recentSize())), change.finds());
    }

    @Test
    void aChangeCarriesOnlyWhatChanged() {
        LiveBoard before = board(1, null, List.of(line(1, "a", 30), line(2, "b", 20), line(3, "c", 10)), List.of(find("b", 1)));
        LiveBoard after = board(2, null, List.of(line(1, "a", 30), line(2, "c", 25), line(3, "b", 20)),
                List.of(find("c", 2), find("b", 1)));
        BoardChange change = BoardChange.between(before, after, true);
        assertThat(change.lines()).containsExactly(new BoardChange.ChangedLine(1, line(2, "c", 25)));
        assertThat(change.moved()).containsExactly(new BoardChange.MovedLines(2, 1, 1));
        assertThat(change.recent()).containsExactly(find("c", 2));
        assertThat(apply(before, change)).isEqualTo(after);
    }

    @Test
    void aClimbPastManyIsOneLineAndOneRunOfMovedLines() {
        List<BoardLine> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(line(i + 1, "p" + i, 1000 - 10 * i));
        }
        LiveBoard before = board(1, null, lines, List.of());
        // p39 scores and climbs from 40th to 10th: the 30 players between move down one place each
        List<BoardLine> climbed = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int player = i < 9 ? i : i == 9 ? 39 : i <= 39 ? i - 1 : i;
            climbed.add(line(i + 1, "p" + player, player == 39 ? 915 : 1000 - 10 * player));
        }
        LiveBoard after = board(2, null, climbed, List.of(find("p39", 1)));
        BoardChange change = BoardChange.between(before, after, true);
        assertThat(change.lines()).containsExactly(new BoardChange.ChangedLine(9, line(10, "p39", 915)));
        assertThat(change.moved()).containsExactly(new BoardChange.MovedLines(10, 9, 30));
        assertThat(apply(before, change)).isEqualTo(after);

        BoardChange byPosition = BoardChange.between(before, after, false);
        assertThat(byPosition.moved()).as("for clients that do not read moved runs").isEmpty();
        assertThat(byPosition.lines()).hasSize(31).extracting(BoardChange.ChangedLine::at)
                .containsExactlyElementsOf(IntStream.rangeClosed(9, 39).boxed().toList());
        assertThat(apply(before, byPosition)).isEqualTo(after);
    }

    @Test
    void aLineWhoseContentChangedAsItMovedIsSentWhole() {
        LiveBoard before = board(1, null, List.of(line(1, "a", 30), line(2, "b", 20)), List.of());
        LiveBoard after = board(2, null, List.of(line(1, "b", 40), line(2, "a", 30)), List.of());
        BoardChange change = BoardChange.between(before, after, true);
        assertThat(change.lines()).containsExactly(new BoardChange.ChangedLine(0, line(1, "b", 40)));
        assertThat(change.moved()).containsExactly(new BoardChange.MovedLines(1, 0, 1));
        assertThat(apply(before, change)).isEqualTo(after);
    }

    @Test
    void anUnchangedBoardHasAnEmptyChange() {
        LiveBoard board = board(1, null, List.of(line(1, "a", 30)), List.of(find("a", 1)));
        BoardChange change = BoardChange.between(board, board(2, null, board.board(), board.recent()), true);
        assertThat(change.lines()).isEmpty();
        assertThat(change.moved()).isEmpty();
        assertThat(change.recent()).isEmpty();
    }

    @Test
    void everyChangeAppliedToItsBaseGivesTheNextBoard() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            List<int[]> scores = new ArrayList<>(); // player, score
            List<RecentFind> ticker = new ArrayList<>();
            LiveBoard board = board(0, null, List.of(), List.of());
            LiveBoard held = board;
            LiveBoard heldByPosition = board;
            for (int version = 1; version <= 30; version++) {
                int finds = random.nextInt(6);
                for (int f = 0; f < finds; f++) {
                    int player = random.nextInt(80);
                    int[] entry = scores.stream().filter(s -> s[0] == player).findFirst().orElseGet(() -> {
                        int[] fresh = {player, 0};
                        scores.add(fresh);
                        return fresh;
                    });
                    entry[1] += 1 + random.nextInt(20);
                    ticker.add(0, find("p" + player, version * 10 + f));
                }
                Instant frozenAt = version > 25 ? T0 : null;
                List<RecentFind> recent = frozenAt != null
                        ? ticker.stream().filter(r -> r.at().isBefore(T0.plusSeconds(250))).limit(10).toList()
                        : ticker.stream().limit(10).toList();
                LiveBoard next = board(version, frozenAt, top(scores, 1 + random.nextInt(50)), recent);
                held = apply(held, BoardChange.between(board, next, true));
                assertThat(held).isEqualTo(next);
                BoardChange byPosition = BoardChange.between(board, next, false);
                assertThat(byPosition.moved()).isEmpty();
                heldByPosition = apply(heldByPosition, byPosition);
                assertThat(heldByPosition).isEqualTo(next);
                board = next;
            }
        }
    }

    private static List<BoardLine> top(List<int[]> scores, int size) {
        List<int[]> ranked = scores.stream()
                .sorted(Comparator.<int[]>comparingInt(s -> -s[1]).thenComparingInt(s -> s[0])).limit(size).toList();
        List<BoardLine> lines = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            lines.add(line(i + 1, "p" + ranked.get(i)[0], ranked.get(i)[1]));
        }
        return lines;
    }

    private static LiveBoard board(long version, Instant frozenAt, List<BoardLine> lines, List<RecentFind> recent) {
        return new LiveBoard("hunt", version, frozenAt, lines, recent,
                lines.stream().mapToInt(BoardLine::cluesFound).sum());
    }

    private static BoardLine line(int rank, String player, int score) {
        return new BoardLine(rank, player, player, score, score / 10, T0);
    }

    private static RecentFind find(String handle, int second) {
        return new RecentFind(handle, "clue", 10, T0.plusSeconds(second));
    }
}
