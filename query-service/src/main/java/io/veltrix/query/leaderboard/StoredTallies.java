package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.instant;
import static io.veltrix.query.UnnestArrays.bind;
import static io.veltrix.query.UnnestArrays.micros;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.scoring.RankKey;
import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoring;
import io.veltrix.api.scoring.Tally;
import io.veltrix.query.leaderboard.FirstFinds.Firsts;
import io.veltrix.query.UnnestArrays.Column;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The players' live and public tally columns of {@code lb_player}: a batch's deltas added onto
 * them, or a player's columns rewritten from all their stored facts with the shared scoring rules.
 * Called under the hunt's board lock, in the batch's transaction.
 */
@Component
class StoredTallies {

    /** Players refolded per statement (bind-parameter limits). */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    StoredTallies(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Adds the deltas to the stored tallies in one statement. A player without a row (facts
     * before registration) is skipped: the registration refolds them.
     */
    void add(Map<String, TallyDelta> deltas) {
        int n = deltas.size();
        String[] players = new String[n];
        Integer[][] ints = new Integer[6][n];
        Long[][] longs = new Long[4][n];
        int i = 0;
        for (Map.Entry<String, TallyDelta> e : deltas.entrySet()) {
            players[i] = e.getKey();
            Tally live = e.getValue().live;
            Tally pub = e.getValue().pub;
            ints[0][i] = live.score();
            ints[1][i] = live.cluesFound();
            ints[2][i] = live.firstFinds();
            longs[0][i] = live.lastScoredIndex();
            longs[1][i] = live.lastScoredAt() == null ? null : micros(live.lastScoredAt());
            ints[3][i] = pub.score();
            ints[4][i] = pub.cluesFound();
            ints[5][i] = pub.firstFinds();
            longs[2][i] = pub.lastScoredIndex();
            longs[3][i] = pub.lastScoredAt() == null ? null : micros(pub.lastScoredAt());
            i++;
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    UPDATE lb_player p SET """ + BoardRanks.STAMP_CHANGE + """
                        live_score = p.live_score + d.live_score,
                        live_clues = p.live_clues + d.live_clues,
                        live_firsts = p.live_firsts + d.live_firsts,
                        live_last_index = GREATEST(p.live_last_index, d.live_last_index),
                        live_last_scored = CASE WHEN d.live_last_index > p.live_last_index
                            THEN TIMESTAMPTZ 'epoch' + d.live_last_micros * INTERVAL '1 microsecond'
                            ELSE p.live_last_scored END,
                        live_reached_at = CASE WHEN d.live_last_index > p.live_last_index
                            THEN TIMESTAMPTZ 'epoch' + d.live_last_micros * INTERVAL '1 microsecond'
                            ELSE p.live_reached_at END,
                        pub_score = p.pub_score + d.pub_score,
                        pub_clues = p.pub_clues + d.pub_clues,
                        pub_firsts = p.pub_firsts + d.pub_firsts,
                        pub_last_index = GREATEST(p.pub_last_index, d.pub_last_index),
                        pub_last_scored = CASE WHEN d.pub_last_index > p.pub_last_index
                            THEN TIMESTAMPTZ 'epoch' + d.pub_last_micros * INTERVAL '1 microsecond'
                            ELSE p.pub_last_scored END,
                        pub_reached_at = CASE WHEN d.pub_last_index > p.pub_last_index
                            THEN TIMESTAMPTZ 'epoch' + d.pub_last_micros * INTERVAL '1 microsecond'
                            ELSE p.pub_reached_at END
                    FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                         AS d(player_id, live_score, live_clues, live_firsts, live_last_index, live_last_micros,
                              pub_score, pub_clues, pub_firsts, pub_last_index, pub_last_micros)
                    WHERE p.player_id = d.player_id""");
            return bind(con, ps, 1,
                    new Column("varchar", players), new Column("int4", ints[0]), new Column("int4", ints[1]),
                    new Column("int4", ints[2]), new Column("int8", longs[0]), new Column("int8", longs[1]),
                    new Column("int4", ints[3]), new Column("int4", ints[4]), new Column("int4", ints[5]),
                    new Column("int8", longs[2]), new Column("int8", longs[3]));
        });
    }

    private record PlayerFacts(Instant registeredAt, long registrationIndex, List<ScoreFact> facts) {
    }
    /** Rewrites the players' live and public columns from all their facts, with the shared rules. */
    void refold(Collection<String> players, BoardRules rules, Map<String, Firsts> firsts) {
        List<String> all = new ArrayList<>(players);
        for (int i = 0; i < all.size(); i += CHUNK) {
            refoldChunk(all.subList(i, Math.min(all.size(), i + CHUNK)), rules, firsts);
        }
    }

    private void refoldChunk(List<String> players, BoardRules rules, Map<String, Firsts> firsts) {
        Map<String, PlayerFacts> byPlayer = new HashMap<>();
        jdbc.sql("SELECT player_id, registered_at, registered_index FROM lb_player WHERE player_id IN (:players)")
                .param("players", players)
                .query(rs -> {
                    byPlayer.put(rs.getString(1), new PlayerFacts(instant(rs.getTimestamp(2)), rs.getLong(3),
                            new ArrayList<>()));
                });
        jdbc.sql("SELECT player_id, global_index, at, kind, clue_id, points FROM lb_fact WHERE player_id IN (:players)")
                .param("players", players)
                .query(rs -> {
                    PlayerFacts p = byPlayer.get(rs.getString(1));
                    if (p != null) { // a player's facts come after their registration
                        p.facts().add(new ScoreFact(rs.getLong(2), instant(rs.getTimestamp(3)),
                                ScoreFact.Kind.valueOf(rs.getString(4)),
                                rs.getString(5) == null ? null : new ClueId(rs.getString(5)), rs.getInt(6)));
                    }
                });
        if (byPlayer.isEmpty()) {
            return;
        }
        Map<ClueId, Long> liveFirsts = new HashMap<>();
        Map<ClueId, Long> publicFirsts = new HashMap<>();
        firsts.forEach((clue, f) -> {
            liveFirsts.put(new ClueId(clue), f.live().index());
            if (f.pub() != null) {
                publicFirsts.put(new ClueId(clue), f.pub().index());
            }
        });
        int n = byPlayer.size();
        String[] ids = new String[n];
        Integer[][] ints = new Integer[6][n];
        Long[][] longs = new Long[6][n];
        Boolean[] visible = new Boolean[n];
        int i = 0;
        for (Map.Entry<String, PlayerFacts> row : byPlayer.entrySet()) {
            PlayerFacts p = row.getValue();
            Tally live = Scoring.tally(p.facts(), null, liveFirsts, rules.bonus());
            Tally pub = Scoring.tally(p.facts(), rules.frozenAt(), publicFirsts, rules.bonus());
            ids[i] = row.getKey();
            ints[0][i] = live.score();
            ints[1][i] = live.cluesFound();
            ints[2][i] = live.firstFinds();
            longs[0][i] = live.lastScoredIndex();
            longs[1][i] = live.lastScoredAt() == null ? null : micros(live.lastScoredAt());
            longs[2][i] = micros(RankKey.of(live, p.registeredAt(), p.registrationIndex()).reachedAt());
            visible[i] = Scoring.visible(p.registeredAt(), rules.frozenAt());
            ints[3][i] = pub.score();
            ints[4][i] = pub.cluesFound();
            ints[5][i] = pub.firstFinds();
            longs[3][i] = pub.lastScoredIndex();
            longs[4][i] = pub.lastScoredAt() == null ? null : micros(pub.lastScoredAt());
            longs[5][i] = micros(RankKey.of(pub, p.registeredAt(), p.registrationIndex()).reachedAt());
            i++;
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    UPDATE lb_player p SET """ + BoardRanks.STAMP_CHANGE + """
                        live_score = d.live_score, live_clues = d.live_clues, live_firsts = d.live_firsts,
                        live_last_index = d.live_last_index,
                        live_last_scored = TIMESTAMPTZ 'epoch' + d.live_last_micros * INTERVAL '1 microsecond',
                        live_reached_at = TIMESTAMPTZ 'epoch' + d.live_reached_micros * INTERVAL '1 microsecond',
                        pub_visible = d.pub_visible,
                        pub_score = d.pub_score, pub_clues = d.pub_clues, pub_firsts = d.pub_firsts,
                        pub_last_index = d.pub_last_index,
                        pub_last_scored = TIMESTAMPTZ 'epoch' + d.pub_last_micros * INTERVAL '1 microsecond',
                        pub_reached_at = TIMESTAMPTZ 'epoch' + d.pub_reached_micros * INTERVAL '1 microsecond'
                    FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                         AS d(player_id, live_score, live_clues, live_firsts, live_last_index, live_last_micros,
                              live_reached_micros, pub_visible, pub_score, pub_clues, pub_firsts, pub_last_index,
                              pub_last_micros, pub_reached_micros)
                    WHERE p.player_id = d.player_id""");
            return bind(con, ps, 1,
                    new Column("varchar", ids), new Column("int4", ints[0]), new Column("int4", ints[1]),
                    new Column("int4", ints[2]), new Column("int8", longs[0]), new Column("int8", longs[1]),
                    new Column("int8", longs[2]), new Column("bool", visible), new Column("int4", ints[3]),
                    new Column("int4", ints[4]), new Column("int4", ints[5]), new Column("int8", longs[3]),
                    new Column("int8", longs[4]), new Column("int8", longs[5]));
        });
    }
}
