package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.ts;
import static io.veltrix.query.UnnestArrays.bind;

import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoring;
import io.veltrix.query.UnnestArrays.Column;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each clue's first find, live and before the freeze ({@code lb_clue_first}): the find with the
 * lowest global index holds the first-finder bonus, whichever arrived first. Called under the
 * hunt's board lock, in the batch's transaction.
 */
@Component
class FirstFinds {

    /** The first find of a clue: its global index and finder. */
    record First(long index, String playerId) {
    }

    /** A clue's first finds, live and before the freeze (null: none visible). */
    record Firsts(First live, First pub) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    FirstFinds(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The hunt's first finds by clue id, as stored. */
    Map<String, Firsts> stored(String hunt) {
        Map<String, Firsts> stored = new HashMap<>();
        jdbc.sql("SELECT clue_id, live_index, live_player, pub_index, pub_player FROM lb_clue_first WHERE hunt_id = :hunt")
                .param("hunt", hunt)
                .query((RowCallbackHandler) rs -> put(stored, rs));
        return stored;
    }

    /**
     * The stored first finds of the named clues only: all a batch of finds needs unless players are
     * refolded from all their facts (a hunt has hundreds of clues, a batch a few finds).
     */
    Map<String, Firsts> stored(String hunt, Collection<String> clues) {
        Map<String, Firsts> stored = new HashMap<>();
        template.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT clue_id, live_index, live_player, pub_index, pub_player FROM lb_clue_first
                    WHERE hunt_id = ? AND clue_id = ANY(?)""");
            ps.setString(1, hunt);
            return bind(con, ps, 2, new Column("varchar", clues.toArray(String[]::new)));
        }, (RowCallbackHandler) rs -> put(stored, rs));
        return stored;
    }

    private static void put(Map<String, Firsts> stored, ResultSet rs) throws SQLException {
        long pub = rs.getLong(4);
        First pubFirst = rs.wasNull() ? null : new First(pub, rs.getString(5));
        stored.put(rs.getString(1), new Firsts(new First(rs.getLong(2), rs.getString(3)), pubFirst));
    }

    /**
     * The lowest index seen per clue, live and before the freeze, updated with the batch's new
     * finds (in {@code firsts} and in the table). Whoever held a first find that a lower index
     * took over gives its bonus back: recorded in their {@link TallyDelta}.
     */
    void move(String hunt, List<BoardChanges.Fact> added, BoardRules rules, Map<String, Firsts> firsts,
              Map<String, TallyDelta> deltas) {
        Map<String, Firsts> candidates = new TreeMap<>();
        for (BoardChanges.Fact f : added) {
            ScoreFact fact = f.fact();
            if (fact.kind() != ScoreFact.Kind.FIND) {
                continue;
            }
            First find = new First(fact.index(), f.playerId());
            boolean visible = Scoring.visible(fact.at(), rules.frozenAt());
            candidates.merge(fact.clueId().value(), new Firsts(find, visible ? find : null),
                    (a, b) -> new Firsts(lower(a.live(), b.live()), lower(a.pub(), b.pub())));
        }
        List<String> clues = new ArrayList<>();
        List<Firsts> changed = new ArrayList<>();
        candidates.forEach((clue, candidate) -> {
            Firsts before = firsts.get(clue);
            Firsts after = before == null ? candidate
                    : new Firsts(lower(before.live(), candidate.live()), lower(before.pub(), candidate.pub()));
            if (!after.equals(before)) {
                clues.add(clue);
                changed.add(after);
                firsts.put(clue, after);
                if (before != null && !before.live().equals(after.live())) {
                    deltas.computeIfAbsent(before.live().playerId(), p -> new TallyDelta()).lostFirst(false, rules);
                }
                if (before != null && before.pub() != null && !before.pub().equals(after.pub())) {
                    deltas.computeIfAbsent(before.pub().playerId(), p -> new TallyDelta()).lostFirst(true, rules);
                }
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        Long[] liveIndexes = new Long[n];
        String[] livePlayers = new String[n];
        Long[] pubIndexes = new Long[n];
        String[] pubPlayers = new String[n];
        for (int i = 0; i < n; i++) {
            Firsts f = changed.get(i);
            liveIndexes[i] = f.live().index();
            livePlayers[i] = f.live().playerId();
            pubIndexes[i] = f.pub() == null ? null : f.pub().index();
            pubPlayers[i] = f.pub() == null ? null : f.pub().playerId();
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO lb_clue_first (hunt_id, clue_id, live_index, live_player, pub_index, pub_player)
                    SELECT ?, clue_id, live_index, live_player, pub_index, pub_player
                    FROM unnest(?, ?, ?, ?, ?) AS t(clue_id, live_index, live_player, pub_index, pub_player)
                    ON CONFLICT (hunt_id, clue_id) DO UPDATE SET live_index = EXCLUDED.live_index,
                        live_player = EXCLUDED.live_player, pub_index = EXCLUDED.pub_index,
                        pub_player = EXCLUDED.pub_player""");
            ps.setString(1, hunt);
            return bind(con, ps, 2,
                    new Column("varchar", clues.toArray(String[]::new)), new Column("int8", liveIndexes),
                    new Column("varchar", livePlayers), new Column("int8", pubIndexes),
                    new Column("varchar", pubPlayers));
        });
    }

    private static First lower(First a, First b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.index() <= b.index() ? a : b;
    }

    /** A (new) freeze instant: the public first finds are the first ones strictly before it. */
    void refreeze(String hunt, Instant cutoff) {
        jdbc.sql("UPDATE lb_clue_first SET pub_index = NULL, pub_player = NULL WHERE hunt_id = :hunt")
                .param("hunt", hunt).update();
        jdbc.sql("""
                        UPDATE lb_clue_first c SET pub_index = x.global_index, pub_player = x.player_id
                        FROM (SELECT DISTINCT ON (hunt_id, clue_id) hunt_id, clue_id, global_index, player_id
                              FROM lb_fact
                              WHERE hunt_id = :hunt AND kind = 'FIND' AND at < :cutoff
                              ORDER BY hunt_id, clue_id, global_index) x
                        WHERE c.hunt_id = x.hunt_id AND c.clue_id = x.clue_id""")
                .param("hunt", hunt).param("cutoff", ts(cutoff)).update();
    }
}
