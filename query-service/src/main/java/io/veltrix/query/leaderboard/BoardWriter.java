package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.instant;
import static io.veltrix.query.Projections.ts;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.scoring.RankKey;
import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoring;
import io.veltrix.api.scoring.Tally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a batch's {@link BoardChanges} inside the processor's transaction. Per hunt: lock the
 * hunt's board row (transactions of other segments touching the same hunt wait, so derivations
 * across players never race), store registrations, disqualifications and score facts, move
 * first-finder bonuses where a lower global index arrived, and bring each affected player's live
 * and public columns up to date with the shared scoring rules.
 *
 * <p>A player's tally is a sum over their facts plus "the latest fact that changed the score", so
 * it folds in any order: the facts a batch adds are folded onto the stored tally (with the
 * first-finder bonus as it stands after the batch), a player whose first find a lower index took
 * over gives that bonus back, and nothing old is re-read. Only what changes the rules under every
 * fact (a bonus, a freeze) or a player row that did not exist when facts arrived (a registration)
 * refolds the players from all their stored facts, exactly as {@link Scoring#tally} does.
 * Each step is one statement over arrays, whatever the batch size.
 */
@Component
class BoardWriter {

    /** Players refolded per statement (bind-parameter limits). */
    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TeamRosterWriter rosters;
    private final boolean synchronousCommit;

    BoardWriter(JdbcClient jdbc, JdbcTemplate template, TeamRosterWriter rosters,
                @Value("${veltrix.leaderboard.synchronous-commit:false}") boolean synchronousCommit) {
        this.jdbc = jdbc;
        this.rosters = rosters;
        this.template = template;
        this.synchronousCommit = synchronousCommit;
    }

    private record BoardRules(int bonus, Instant frozenAt) {
    }

    /** The first find of a clue: its global index and finder. */
    private record First(long index, String playerId) {
    }

    /** A clue's first finds, live and before the freeze (null: none visible). */
    private record Firsts(First live, First pub) {
    }

    void write(BoardChanges.Batch changes) {
        // Index lookups only: before the first ANALYZE the planner may think lb_fact is empty and
        // scan it whole for every statement, which turns every batch quadratic. And, unless
        // configured otherwise, no wait for the WAL flush at commit (see application.yml).
        jdbc.sql("SELECT set_config('enable_seqscan', 'off', true), set_config('synchronous_commit', :sync, true)")
                .param("sync", synchronousCommit ? "on" : "off")
                .query((rs, n) -> n).list();
        changes.hunts().values().forEach(this::write);
    }

    private void write(BoardChanges c) {
        // Stored rows that depend on nothing else go in before the hunt's lock, which is then held
        // only for the derived columns (and until commit). Other transactions see them at commit,
        // under the lock, exactly as if they had been written after it.
        List<String> registered = c.registrations.isEmpty() ? List.of() : register(c);
        List<BoardChanges.Fact> added = c.facts.isEmpty() ? List.of() : insertFacts(c);
        BoardRules rules = lockHunt(c.huntId);
        if (c.teamMode || !c.memberships.isEmpty()) {
            rosters.write(c);
        }
        boolean everyone = false;
        if (c.bonus != null) {
            jdbc.sql("UPDATE lb_hunt SET first_finder_bonus = :bonus WHERE hunt_id = :hunt")
                    .param("bonus", c.bonus).param("hunt", c.huntId).update();
            rules = new BoardRules(c.bonus, rules.frozenAt());
            everyone = true;
        }
        if (c.frozenAt != null && refreeze(c.huntId, c.frozenIndex, ceilToMicros(c.frozenAt))) {
            rules = new BoardRules(rules.bonus(), ceilToMicros(c.frozenAt));
            everyone = true;
        }
        // players refolded from all their facts; everyone else who changed is folded incrementally
        Set<String> refold = new LinkedHashSet<>(registered);
        if (!c.disqualifications.isEmpty()) {
            disqualify(c);
        }
        Map<String, Firsts> firsts = null;
        Map<String, TallyDelta> deltas = new LinkedHashMap<>();
        if (!added.isEmpty()) {
            firsts = storedFirsts(c.huntId);
            moveFirsts(c.huntId, added, rules, firsts, deltas);
        }
        if (everyone) {
            refold.addAll(jdbc.sql("SELECT player_id FROM lb_player WHERE hunt_id = :hunt")
                    .param("hunt", c.huntId).query(String.class).list());
        }
        for (BoardChanges.Fact f : added) {
            if (!refold.contains(f.playerId())) {
                deltas.computeIfAbsent(f.playerId(), p -> new TallyDelta()).add(f.fact(), rules, firsts);
            }
        }
        deltas.keySet().removeAll(refold);
        if (!deltas.isEmpty()) {
            applyDeltas(deltas);
        }
        if (!refold.isEmpty()) {
            if (firsts == null) {
                firsts = storedFirsts(c.huntId);
            }
            List<String> players = new ArrayList<>(refold);
            for (int i = 0; i < players.size(); i += CHUNK) {
                refold(players.subList(i, Math.min(players.size(), i + CHUNK)), rules, firsts);
            }
        }
    }

    /** Locks the hunt's board for this transaction, bumps its version, returns its rules. */
    private BoardRules lockHunt(String huntId) {
        return jdbc.sql("""
                        INSERT INTO lb_hunt (hunt_id, version) VALUES (:hunt, 1)
                        ON CONFLICT (hunt_id) DO UPDATE SET version = lb_hunt.version + 1
                        RETURNING first_finder_bonus, frozen_at""")
                .param("hunt", huntId)
                .query((rs, n) -> new BoardRules(rs.getInt(1), instant(rs.getTimestamp(2))))
                .single();
    }

    /**
     * Stores new players; returns the ones that are new here. Their tallies start from scratch: a
     * fact handled before its player's registration (another segment) is stored but was folded
     * into no row, so they are refolded from whatever facts they already have.
     */
    private List<String> register(BoardChanges c) {
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

    private void disqualify(BoardChanges c) {
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
                    UPDATE lb_player p SET
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
    private List<BoardChanges.Fact> insertFacts(BoardChanges c) {
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

    /** The hunt's first finds by clue id, as stored. */
    private Map<String, Firsts> storedFirsts(String hunt) {
        Map<String, Firsts> stored = new HashMap<>();
        jdbc.sql("SELECT clue_id, live_index, live_player, pub_index, pub_player FROM lb_clue_first WHERE hunt_id = :hunt")
                .param("hunt", hunt)
                .query(rs -> {
                    long pub = rs.getLong(4);
                    First pubFirst = rs.wasNull() ? null : new First(pub, rs.getString(5));
                    stored.put(rs.getString(1), new Firsts(new First(rs.getLong(2), rs.getString(3)), pubFirst));
                });
        return stored;
    }

    /**
     * The lowest index seen per clue, live and before the freeze, updated with the batch's new
     * finds (in {@code firsts} and in the table). Whoever held a first find that a lower index
     * took over gives its bonus back: recorded in their {@link TallyDelta}.
     */
    private void moveFirsts(String hunt, List<BoardChanges.Fact> added, BoardRules rules, Map<String, Firsts> firsts,
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

    /**
     * What a batch adds to one player's stored tally, per view: the shared scoring step over the
     * batch's new facts only, with first finds judged against the firsts as they stand after the
     * batch, and the bonus given back for each stored first find a lower index took over.
     */
    private static final class TallyDelta {
        Tally live = Tally.NOTHING;
        Tally pub = Tally.NOTHING;

        void add(ScoreFact fact, BoardRules rules, Map<String, Firsts> firsts) {
            Firsts clue = fact.clueId() == null ? null : firsts.get(fact.clueId().value());
            live = Scoring.add(live, fact, isFirst(fact, clue == null ? null : clue.live()), rules.bonus());
            if (Scoring.visible(fact.at(), rules.frozenAt())) {
                pub = Scoring.add(pub, fact, isFirst(fact, clue == null ? null : clue.pub()), rules.bonus());
            }
        }

        private static boolean isFirst(ScoreFact fact, First first) {
            return Scoring.isFirstFind(fact, first == null ? null : first.index());
        }

        /** A first find of this player's, stored and counted, was taken over by a lower index. */
        void lostFirst(boolean inPublicView, BoardRules rules) {
            if (inPublicView) {
                pub = Scoring.firstFindLost(pub, rules.bonus());
            } else {
                live = Scoring.firstFindLost(live, rules.bonus());
            }
        }
    }

    /**
     * Adds the deltas to the stored tallies in one statement. A player without a row (facts
     * before registration) is skipped: the registration refolds them.
     */
    private void applyDeltas(Map<String, TallyDelta> deltas) {
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
                    UPDATE lb_player p SET
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

    /**
     * Applies a freeze unless the board already has this one or a later one (an older freeze
     * delivered again must not move the board back); returns whether it applied.
     */
    private boolean refreeze(String hunt, long index, Instant at) {
        int applied = jdbc.sql("""
                        UPDATE lb_hunt SET frozen_at = :at, frozen_index = :index
                        WHERE hunt_id = :hunt AND frozen_index < :index""")
                .param("at", ts(at)).param("index", index).param("hunt", hunt).update();
        if (applied == 0) {
            return false;
        }
        refreezeFirsts(hunt, at);
        return true;
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

    private record PlayerFacts(Instant registeredAt, long registrationIndex, List<ScoreFact> facts) {
    }

    /** Rewrites the players' live and public columns from all their facts, with the shared rules. */
    private void refold(List<String> players, BoardRules rules, Map<String, Firsts> firsts) {
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
                    UPDATE lb_player p SET
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

    /** One column of an {@code unnest(...)}: the PostgreSQL element type and the values, row by row. */
    private record Column(String type, Object[] values) {
    }

    /** Binds the columns, in the order the statement's {@code unnest(...)} names them, from parameter {@code first} on. */
    private static PreparedStatement bind(Connection con, PreparedStatement ps, int first, Column... columns)
            throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            ps.setArray(first + i, con.createArrayOf(columns[i].type(), columns[i].values()));
        }
        return ps;
    }

    /** Timestamps travel in arrays as microseconds since the epoch: exact, and no time-zone guessing. */
    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
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
