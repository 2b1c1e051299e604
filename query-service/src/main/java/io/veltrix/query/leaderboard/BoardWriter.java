package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.instant;
import static io.veltrix.query.Projections.ts;

import io.veltrix.api.scoring.Scoring;
import io.veltrix.query.leaderboard.FirstFinds.Firsts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a batch's {@link BoardChanges} inside the processor's transaction. Per hunt: store
 * registrations, disqualifications and score facts ({@link BoardInputs}), lock the hunt's board row
 * (transactions of other segments touching the same hunt wait, so derivations across players never
 * race) and apply a new bonus or freeze, move first-finder bonuses where a lower global index
 * arrived ({@link FirstFinds}), and bring each affected player's live and public columns up to date
 * with the shared scoring rules ({@link TallyDelta}, {@link StoredTallies}).
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

    private final JdbcClient jdbc;
    private final BoardInputs inputs;
    private final FirstFinds firstFinds;
    private final StoredTallies tallies;
    private final TeamRosterWriter rosters;
    private final boolean synchronousCommit;

    BoardWriter(JdbcClient jdbc, BoardInputs inputs, FirstFinds firstFinds, StoredTallies tallies,
                TeamRosterWriter rosters,
                @Value("${veltrix.leaderboard.synchronous-commit:false}") boolean synchronousCommit) {
        this.jdbc = jdbc;
        this.inputs = inputs;
        this.firstFinds = firstFinds;
        this.tallies = tallies;
        this.rosters = rosters;
        this.synchronousCommit = synchronousCommit;
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
        List<String> registered = c.registrations.isEmpty() ? List.of() : inputs.register(c);
        List<BoardChanges.Fact> added = c.facts.isEmpty() ? List.of() : inputs.insertFacts(c);
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
            inputs.disqualify(c);
        }
        if (everyone) {
            refold.addAll(jdbc.sql("SELECT player_id FROM lb_player WHERE hunt_id = :hunt")
                    .param("hunt", c.huntId).query(String.class).list());
        }
        Map<String, Firsts> firsts = null;
        Map<String, TallyDelta> deltas = new LinkedHashMap<>();
        if (!added.isEmpty()) {
            // a refold reads every clue's first find; folding the batch's finds only theirs
            firsts = refold.isEmpty() ? firstFinds.stored(c.huntId, cluesOf(added)) : firstFinds.stored(c.huntId);
            firstFinds.move(c.huntId, added, rules, firsts, deltas);
        }
        for (BoardChanges.Fact f : added) {
            if (!refold.contains(f.playerId())) {
                deltas.computeIfAbsent(f.playerId(), p -> new TallyDelta()).add(f.fact(), rules, firsts);
            }
        }
        deltas.keySet().removeAll(refold);
        if (!deltas.isEmpty()) {
            tallies.add(deltas);
        }
        if (!refold.isEmpty()) {
            if (firsts == null) {
                firsts = firstFinds.stored(c.huntId);
            }
            tallies.refold(refold, rules, firsts);
        }
    }

    private static Set<String> cluesOf(List<BoardChanges.Fact> facts) {
        Set<String> clues = new HashSet<>();
        for (BoardChanges.Fact f : facts) {
            if (f.fact().clueId() != null) {
                clues.add(f.fact().clueId().value());
            }
        }
        return clues;
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
        firstFinds.refreeze(hunt, at);
        return true;
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
