package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.query.leaderboard.BoardRanks.Ranking;
import io.veltrix.query.leaderboard.BoardRanks.Standing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A held order moved to a newer version by replacing the changed rows, against sorting the newer
 * board from scratch: random boards, random changes (rows that move, leave the board or join it),
 * ties on score and time broken by registration, both orders a {@link Ranking} keeps.
 */
class BoardRanksOrderTest {

    @Test
    void replacingTheChangedRowsGivesTheOrderASortWould() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int size = random.nextInt(60);
            List<Standing> board = new ArrayList<>();
            Set<Long> registered = new HashSet<>();
            while (board.size() < size) {
                Standing row = standing(random, 1 + random.nextInt(500));
                if (registered.add(row.registeredIndex())) {
                    board.add(row);
                }
            }
            List<Standing> left = new ArrayList<>();
            List<Standing> placed = new ArrayList<>();
            for (Standing row : board) {
                if (random.nextInt(5) == 0) {
                    left.add(row);
                    if (random.nextInt(4) != 0) { // moved; else it left the board (disqualified, say)
                        placed.add(standing(random, row.registeredIndex()));
                    }
                }
            }
            for (int joined = random.nextInt(4); joined > 0; joined--) {
                Standing row = standing(random, 1_000 + random.nextInt(500));
                if (registered.add(row.registeredIndex())) {
                    placed.add(row);
                }
            }
            List<Standing> newer = new ArrayList<>(board);
            newer.removeAll(left);
            newer.addAll(placed);
            for (Comparator<Standing> order : List.of(Ranking.boardOrder(BoardView.LIVE), Ranking.boardOrder(BoardView.PUBLIC),
                    Ranking.BY_REGISTRATION)) {
                Standing[] held = board.stream().sorted(order).toArray(Standing[]::new);
                Standing[] expected = newer.stream().sorted(order).toArray(Standing[]::new);
                Standing[] leaving = left.toArray(Standing[]::new);
                Collections.shuffle(Arrays.asList(leaving), random);
                Standing[] replaced = Ranking.replace(held, leaving, placed.toArray(Standing[]::new), order);
                assertThat(replaced).as("round %d", round).containsExactly(expected);
            }
        }
    }

    /** A row with few distinct scores and times, so that ties are common. */
    private static Standing standing(Random random, long registeredIndex) {
        return new Standing(registeredIndex, false, false, true, random.nextInt(4) * 10,
                random.nextInt(3), random.nextInt(4) * 10, random.nextInt(3), 1, 1);
    }
}
