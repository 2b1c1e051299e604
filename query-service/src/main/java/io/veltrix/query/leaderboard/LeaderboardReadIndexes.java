package io.veltrix.query.leaderboard;

import io.veltrix.query.Projections;
import io.veltrix.query.replay.ReadOnlyIndexes;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The leaderboard's indexes that only the API reads: board pages and the roster in rank order
 * ({@link Leaderboards}), the rows changed since a version ({@link BoardRanks}), the recent finds.
 * The board writer finds rows by player, by hunt and by clue ({@code lb_player}'s primary key and
 * {@code lb_player_hunt}, {@code lb_fact_player}, {@code lb_fact_clue_finds}), which stay. Every
 * tally update changes the ranked columns and the changed version, so while these exist it writes
 * a new index entry in each of them.
 */
@Component
class LeaderboardReadIndexes implements ReadOnlyIndexes {

    @Override
    public String processingGroup() {
        return Projections.LEADERBOARD;
    }

    @Override
    public List<String> indexes() {
        return List.of("lb_player_live_rank", "lb_player_pub_rank", "lb_player_changed", "lb_fact_recent_finds");
    }
}
