package io.veltrix.query.leaderboard;

import static io.veltrix.query.UnnestArrays.bind;
import static io.veltrix.query.UnnestArrays.micros;

import io.veltrix.query.UnnestArrays.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stores what a batch brings that depends on nothing else, each kind in one statement:
 * registrations (and team creations) as {@code lb_player} rows, disqualifications and
 * reinstatements, and score facts as {@code lb_fact} rows. Every write keeps what was stored
 * first or the higher index, so an event delivered again changes nothing.
 */
@Component
class BoardInputs {

    private final JdbcTemplate template;

    BoardInputs(JdbcTemplate template) {
        this.template = template;
    }

    /**
     * Stores new players; returns the ones that are new here. Their tallies start from scratch: a
     * fact handled before its player's registration (another segment) is stored but was folded
     * into no row, so they are refolded from whatever facts they already have.
     */
    List<String> register(BoardChanges c) {
        int n = c.registrations.size();
        String[] players = new String[n];
        String[] handles = new String[n];
        Long[] indexes = new Long[n];
        Long[] at = new Long[n];
        Boolean[] teams = new Boolean[n];
        for (int i = 0; i < n; i++) {
            BoardChanges.Registration r = c.registrations.get(i);
            players[i] = r.playerId();
            handles[i] = r.handle();
            indexes[i] = r.index();
            at[i] = micros(r.at());
            teams[i] = r.team();
        }
        return template.query(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO lb_player (player_id, hunt_id, handle, registered_index, registered_at,
                                           live_reached_at, pub_reached_at, team)
                    SELECT r.player_id, ?, r.handle, r.registered_index, r.registered_at, r.registered_at, r.registered_at,
                           r.team
                    FROM (SELECT player_id, handle, registered_index, team,
                                 TIMESTAMPTZ 'epoch' + at_micros * INTERVAL '1 microsecond' AS registered_at
                          FROM unnest(?, ?, ?, ?, ?) AS t(player_id, handle, registered_index, at_micros, team)) r
                    ON CONFLICT (player_id) DO NOTHING
                    RETURNING player_id""");
            ps.setString(1, c.huntId);
            return bind(con, ps, 2,
                    new Column("varchar", players), new Column("varchar", handles), new Column("int8", indexes),
                    new Column("int8", at), new Column("bool", teams));
        }, (rs, row) -> rs.getString(1));
    }

    void disqualify(BoardChanges c) {
        int n = c.disqualifications.size();
        String[] players = new String[n];
        Long[] disqualified = new Long[n];
        Long[] reinstated = new Long[n];
        for (int i = 0; i < n; i++) {
            BoardChanges.Disqualification d = c.disqualifications.get(i);
            players[i] = d.playerId();
            disqualified[i] = d.disqualified() ? d.index() : -1L;
            reinstated[i] = d.disqualified() ? -1L : d.index();
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    UPDATE lb_player p SET """ + BoardRanks.STAMP_CHANGE + """
                        disqualified_index = GREATEST(p.disqualified_index, d.disqualified_index),
                        reinstated_index = GREATEST(p.reinstated_index, d.reinstated_index),
                        disqualified = GREATEST(p.disqualified_index, d.disqualified_index)
                                       > GREATEST(p.reinstated_index, d.reinstated_index)
                    FROM (SELECT player_id, max(disqualified_index) AS disqualified_index,
                                 max(reinstated_index) AS reinstated_index
                          FROM unnest(?, ?, ?) AS t(player_id, disqualified_index, reinstated_index)
                          GROUP BY player_id) d
                    WHERE p.player_id = d.player_id""");
            return bind(con, ps, 1,
                    new Column("varchar", players), new Column("int8", disqualified), new Column("int8", reinstated));
        });
    }

    /**
     * Stores the batch's score facts; returns those that were not stored yet. A fact delivered
     * again (its index is the primary key) is already in every tally and must not count twice.
     */
    List<BoardChanges.Fact> insertFacts(BoardChanges c) {
        int n = c.facts.size();
        Long[] indexes = new Long[n];
        String[] players = new String[n];
        String[] kinds = new String[n];
        String[] clues = new String[n];
        Integer[] points = new Integer[n];
        Long[] at = new Long[n];
        String[] by = new String[n];
        for (int i = 0; i < n; i++) {
            BoardChanges.Fact f = c.facts.get(i);
            by[i] = f.by();
            indexes[i] = f.fact().index();
            players[i] = f.playerId();
            kinds[i] = f.fact().kind().name();
            clues[i] = f.fact().clueId() == null ? null : f.fact().clueId().value();
            points[i] = f.fact().points();
            at[i] = micros(f.fact().at());
        }
        Set<Long> inserted = new HashSet<>(template.query(con -> {
            var ps = con.prepareStatement("""
                    INSERT INTO lb_fact (global_index, hunt_id, player_id, kind, clue_id, points, at, by_player)
                    SELECT global_index, ?, player_id, kind, clue_id, points,
                           TIMESTAMPTZ 'epoch' + at_micros * INTERVAL '1 microsecond', by_player
                    FROM unnest(?, ?, ?, ?, ?, ?, ?)
                         AS t(global_index, player_id, kind, clue_id, points, at_micros, by_player)
                    ON CONFLICT (global_index) DO NOTHING
                    RETURNING global_index""");
            ps.setString(1, c.huntId);
            return bind(con, ps, 2,
                    new Column("int8", indexes), new Column("varchar", players), new Column("varchar", kinds),
                    new Column("varchar", clues), new Column("int4", points), new Column("int8", at),
                    new Column("varchar", by));
        }, (rs, row) -> rs.getLong(1)));
        List<BoardChanges.Fact> added = new ArrayList<>(inserted.size());
        for (BoardChanges.Fact f : c.facts) {
            if (inserted.remove(f.fact().index())) { // remove: the same event twice in one batch counts once
                added.add(f);
            }
        }
        return added;
    }
}
