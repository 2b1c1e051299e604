package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.EventLog;
import io.veltrix.query.RaceForAClue;
import io.veltrix.query.QueryTestBase;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Transactions commit out of global-index order: a reader sees index n+1 while n is still
 * uncommitted, and gets n later as a gap fill. The late event must be projected under its own
 * index (not the reader's position, which is n+1 by then), or a fact keyed by index is lost.
 */
class GapFillTest extends QueryTestBase {


    @Test
    void anEventCommittedAfterALaterOneIsProjectedUnderItsOwnIndex() throws Exception {
        RaceForAClue race = RaceForAClue.setUp(events, "gaps");
        HuntId hunt = race.hunt();
        PlayerId slow = race.slow();
        PlayerId fast = race.fast();
        ClueId clue = race.clue();

        long slowIndex;
        try (Connection open = commandRole.getConnection()) {
            open.setAutoCommit(false);
            // The slow player's find takes index n and stays uncommitted...
            slowIndex = EventLog.insertUncommittedFind(open, slow, hunt, clue);
            // ...while the fast player's find (n+1) commits and is projected.
            events.append(new ClueFound(fast, hunt, clue, 10));
            await().atMost(Duration.ofSeconds(20)).until(() -> factCount(hunt) == 1);
            open.commit();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> factCount(hunt) == 2);
        assertThat(jdbc.sql("SELECT player_id FROM lb_fact WHERE global_index = ?").param(slowIndex)
                .query(String.class).single()).isEqualTo(slow.value());
        // The slow find has the lower index: it is the first find of the clue and earns the bonus.
        awaitBoardsMatchReplay(hunt);
        var board = leaderboards.page(hunt.value(), BoardView.LIVE, 10, 0);
        assertThat(board.get(0).playerId()).isEqualTo(slow.value());
        assertThat(board.get(0).score()).isEqualTo(17);
    }
}
