package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.instant;
import static io.veltrix.query.Projections.ts;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.scoring.RankKey;
import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoring;
import io.veltrix.api.scoring.Tally;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a batch's {@link BoardChanges} inside the processor's transaction. Per hunt: lock the
 * hunt's board row (transactions of other segments touching the same hunt wait, so derivations
 * across players never race), store registrations, disqualifications and score facts, move
 * first-finder bonuses where a lower global index arrived, and recompute each affected player's
 * live and public columns with the shared scoring rules.
 */
@Component
class BoardWriter {

    /** Players recomputed per statement (bind-parameter limits). */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    BoardWriter(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private record HuntRules(int bonus, Instant frozenAt) {
    }

    /** The first find of a clue: its global index and finder. */
    private record First(long index, String playerId) {
    }

    /** A clue's first finds, live and before the freeze (null: none visible). */
    private record Firsts(First live, First pub) {
    }

    void write(BoardChanges.Batch changes) {
        // Index lookups only: before the first ANALYZE the planner may think lb_fact is empty and
        // scan it whole for every statement, which turns every batch quadratic.
        jdbc.sql("SET LOCAL enable_seqscan = off").update();
        changes.hunts().values().forEach(this::write);
    }

    private void write(BoardChanges c) {
        HuntRules rules = lockHunt(c.huntId);
        boolean everyone = false;
        if (c.bonus != null) {
            jdbc.sql("UPDATE lb_hunt SET first_finder_bonus = :bonus WHERE hunt_id = :hunt")
                    .param("bonus", c.bonus).param("hunt", c.huntId).update();
            rules = new HuntRules(c.bonus, rules.frozenAt());
            everyone = true;
        }
        if (c.frozenAt != null) {
            Instant at = ceilToMicros(c.frozenAt);
            jdbc.sql("UPDATE lb_hunt SET frozen_at = :at WHERE hunt_id = :hunt")
                    .param("at", ts(at)).param("hunt", c.huntId).update();
            rules = new HuntRules(rules.bonus(), at);
            refreezeFirsts(c.huntId, at);
            everyone = true;
        }
        Set<String> dirty = new LinkedHashSet<>();
        if (!c.registrations.isEmpty()) {
            batch.batchUpdate("""
                            INSERT INTO lb_player (player_id, hunt_id, handle, registered_index, registered_at,
                                                   live_reached_at, pub_reached_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (player_id) DO NOTHING""",
                    c.registrations, c.registrations.size(), (ps, r) -> {
                        ps.setString(1, r.playerId());
                        ps.setString(2, c.huntId);
                        ps.setString(3, r.handle());
                        ps.setLong(4, r.index());
                        ps.setTimestamp(5, ts(r.at()));
                        ps.setTimestamp(6, ts(r.at()));
                        ps.setTimestamp(7, ts(r.at()));
                    });
            c.registrations.forEach(r -> dirty.add(r.playerId()));
        }
        if (!c.disqualifications.isEmpty()) {
            batch.batchUpdate("""
                            UPDATE lb_player SET
                                disqualified_index = GREATEST(disqualified_index, CASE WHEN ? THEN ? ELSE -1 END),
                                reinstated_index = GREATEST(reinstated_index, CASE WHEN ? THEN -1 ELSE ? END)
                            WHERE player_id = ?""",
                    c.disqualifications, c.disqualifications.size(), (ps, d) -> {
                        ps.setBoolean(1, d.disqualified());
                        ps.setLong(2, d.index());
                        ps.setBoolean(3, d.disqualified());
                        ps.setLong(4, d.index());
                        ps.setString(5, d.playerId());
                    });
            jdbc.sql("UPDATE lb_player SET disqualified = disqualified_index > reinstated_index WHERE player_id IN (:players)")
                    .param("players", c.disqualifications.stream().map(BoardChanges.Disqualification::playerId)
                            .distinct().toList())
                    .update();
        }
        if (!c.facts.isEmpty()) {
            batch.batchUpdate("""
                            INSERT INTO lb_fact (global_index, hunt_id, player_id, kind, clue_id, points, at)
                            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (global_index) DO NOTHING""",
                    c.facts, c.facts.size(), (ps, f) -> {
                        ps.setLong(1, f.fact().index());
                        ps.setString(2, c.huntId);
                        ps.setString(3, f.playerId());
                        ps.setString(4, f.fact().kind().name());
                        ps.setString(5, f.fact().clueId() == null ? null : f.fact().clueId().value());
                        ps.setInt(6, f.fact().points());
                        ps.setTimestamp(7, ts(f.fact().at()));
                    });
            c.facts.forEach(f -> dirty.add(f.playerId()));
            moveFirsts(c, rules, dirty);
        }
        if (everyone) {
            dirty.addAll(jdbc.sql("SELECT player_id FROM lb_player WHERE hunt_id = :hunt")
                    .param("hunt", c.huntId).query(String.class).list());
        }
        if (!dirty.isEmpty()) {
            Map<ClueId, Firsts> firsts = firsts(c.huntId);
            List<String> players = new ArrayList<>(dirty);
            for (int i = 0; i < players.size(); i += CHUNK) {
                recompute(players.subList(i, Math.min(players.size(), i + CHUNK)), rules, firsts);
            }
        }
    }

    /** Locks the hunt's board for this transaction, bumps its version, returns its rules. */
    private HuntRules lockHunt(String huntId) {
        return jdbc.sql("""
                        INSERT INTO lb_hunt (hunt_id, version) VALUES (:hunt, 1)
                        ON CONFLICT (hunt_id) DO UPDATE SET version = lb_hunt.version + 1
                        RETURNING first_finder_bonus, frozen_at""")
                .param("hunt", huntId)
                .query((rs, n) -> new HuntRules(rs.getInt(1), instant(rs.getTimestamp(2))))
                .single();
    }

    /**
     * The lowest index seen per clue, live and before the freeze, updated with the batch's finds.
     * Whoever held a first find that a lower index took over loses the bonus: they are recomputed.
     */
    private void moveFirsts(BoardChanges c, HuntRules rules, Set<String> dirty) {
        Map<String, Firsts> candidates = new TreeMap<>();
        for (BoardChanges.Fact f : c.facts) {
            ScoreFact fact = f.fact();
            if (fact.kind() != ScoreFact.Kind.FIND) {
                continue;
            }
            First find = new First(fact.index(), f.playerId());
            boolean visible = Scoring.visible(fact.at(), rules.frozenAt());
            candidates.merge(fact.clueId().value(), new Firsts(find, visible ? find : null),
                    (a, b) -> new Firsts(lower(a.live(), b.live()), lower(a.pub(), b.pub())));
        }
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, Firsts> stored = new HashMap<>();
        jdbc.sql("""
                        SELECT clue_id, live_index, live_player, pub_index, pub_player FROM lb_clue_first
                        WHERE hunt_id = :hunt AND clue_id IN (:clues)""")
                .param("hunt", c.huntId).param("clues", candidates.keySet())
                .query(rs -> {
                    long pub = rs.getLong(4);
                    First pubFirst = rs.wasNull() ? null : new First(pub, rs.getString(5));
                    stored.put(rs.getString(1), new Firsts(new First(rs.getLong(2), rs.getString(3)), pubFirst));
                });
        List<Map.Entry<String, Firsts>> changed = new ArrayList<>();
        candidates.forEach((clue, candidate) -> {
            Firsts before = stored.get(clue);
            Firsts after = before == null ? candidate
                    : new Firsts(lower(before.live(), candidate.live()), lower(before.pub(), candidate.pub()));
            if (!after.equals(before)) {
                changed.add(Map.entry(clue, after));
                if (before != null && !before.live().equals(after.live())) {
                    dirty.add(before.live().playerId());
                }
                if (before != null && before.pub() != null && !before.pub().equals(after.pub())) {
                    dirty.add(before.pub().playerId());
                }
            }
        });
        batch.batchUpdate("""
                        INSERT INTO lb_clue_first (hunt_id, clue_id, live_index, live_player, pub_index, pub_player)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (hunt_id, clue_id) DO UPDATE SET live_index = EXCLUDED.live_index,
                            live_player = EXCLUDED.live_player, pub_index = EXCLUDED.pub_index,
                            pub_player = EXCLUDED.pub_player""",
                changed, changed.size(), (ps, e) -> {
                    ps.setString(1, c.huntId);
                    ps.setString(2, e.getKey());
                    ps.setLong(3, e.getValue().live().index());
                    ps.setString(4, e.getValue().live().playerId());
                    First pub = e.getValue().pub();
                    if (pub == null) {
                        ps.setNull(5, Types.BIGINT);
                        ps.setNull(6, Types.VARCHAR);
                    } else {
                        ps.setLong(5, pub.index());
                        ps.setString(6, pub.playerId());
                    }
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
    private void refreezeFirsts(String hunt, Instant cutoff) {
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

    private Map<ClueId, Firsts> firsts(String hunt) {
        Map<ClueId, Firsts> firsts = new HashMap<>();
        jdbc.sql("SELECT clue_id, live_index, pub_index FROM lb_clue_first WHERE hunt_id = :hunt")
                .param("hunt", hunt)
                .query(rs -> {
                    long pub = rs.getLong(3);
                    First pubFirst = rs.wasNull() ? null : new First(pub, null);
                    firsts.put(new ClueId(rs.getString(1)), new Firsts(new First(rs.getLong(2), null), pubFirst));
                });
        return firsts;
    }

    private record PlayerFacts(Instant registeredAt, long registrationIndex, List<ScoreFact> facts) {
    }

    /** Rewrites the players' live and public columns from their facts, with the shared rules. */
    private void recompute(List<String> players, HuntRules rules, Map<ClueId, Firsts> firsts) {
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
        Map<ClueId, Long> liveFirsts = new HashMap<>();
        Map<ClueId, Long> publicFirsts = new HashMap<>();
        firsts.forEach((clue, f) -> {
            liveFirsts.put(clue, f.live().index());
            if (f.pub() != null) {
                publicFirsts.put(clue, f.pub().index());
            }
        });
        List<Map.Entry<String, PlayerFacts>> rows = new ArrayList<>(byPlayer.entrySet());
        batch.batchUpdate("""
                        UPDATE lb_player SET
                            live_score = ?, live_clues = ?, live_last_scored = ?, live_reached_at = ?,
                            pub_visible = ?, pub_score = ?, pub_clues = ?, pub_last_scored = ?, pub_reached_at = ?
                        WHERE player_id = ?""",
                rows, rows.size(), (ps, row) -> {
                    PlayerFacts p = row.getValue();
                    Tally live = Scoring.tally(p.facts(), null, liveFirsts, rules.bonus());
                    Tally pub = Scoring.tally(p.facts(), rules.frozenAt(), publicFirsts, rules.bonus());
                    ps.setInt(1, live.score());
                    ps.setInt(2, live.cluesFound());
                    ps.setTimestamp(3, ts(live.lastScoredAt()));
                    ps.setTimestamp(4, ts(RankKey.of(live, p.registeredAt(), p.registrationIndex()).reachedAt()));
                    ps.setBoolean(5, Scoring.visible(p.registeredAt(), rules.frozenAt()));
                    ps.setInt(6, pub.score());
                    ps.setInt(7, pub.cluesFound());
                    ps.setTimestamp(8, ts(pub.lastScoredAt()));
                    ps.setTimestamp(9, ts(RankKey.of(pub, p.registeredAt(), p.registrationIndex()).reachedAt()));
                    ps.setString(10, row.getKey());
                });
    }

    /**
     * PostgreSQL keeps microseconds. Event times are whole milliseconds, so "at &lt; freeze" gives
     * the same answer against the freeze rounded up to the next microsecond.
     */
    static Instant ceilToMicros(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(at) ? at : floor.plus(1, ChronoUnit.MICROS);
    }
}
