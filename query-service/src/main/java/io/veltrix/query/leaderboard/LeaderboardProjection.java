package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.indexOf;
import static io.veltrix.query.Projections.instant;
import static io.veltrix.query.Projections.ts;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.scoring.RankKey;
import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.scoring.Scoring;
import io.veltrix.api.scoring.Tally;
import io.veltrix.query.Projections;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The leaderboard: every score fact by global index, and per player both views precomputed with
 * the shared scoring rules — live, and public (as of the freeze). Segments may handle a hunt's
 * events out of global order (one player's events stay in order): first finders are therefore
 * "lowest index seen so far", and the bonus moves when a lower one arrives. Every transaction that
 * touches a hunt first locks its {@code lb_hunt} row, so derivations across players of one hunt
 * never race.
 */
@Component
@ProcessingGroup(Projections.LEADERBOARD)
class LeaderboardProjection {

    private final JdbcClient jdbc;
    private final Projections projections;

    LeaderboardProjection(JdbcClient jdbc, Projections projections) {
        this.jdbc = jdbc;
        this.projections = projections;
    }

    private record HuntRules(int bonus, Instant frozenAt) {
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

    @EventHandler
    void on(HuntCreated e) {
        projections.inSavepoint(() -> {
            String hunt = e.huntId().value();
            lockHunt(hunt);
            jdbc.sql("UPDATE lb_hunt SET first_finder_bonus = :bonus WHERE hunt_id = :hunt")
                    .param("bonus", e.firstFinderBonus()).param("hunt", hunt).update();
            recomputeHunt(hunt);
        });
    }

    @EventHandler
    void on(ScoreboardFrozen e) {
        projections.inSavepoint(() -> {
            String hunt = e.huntId().value();
            lockHunt(hunt);
            jdbc.sql("UPDATE lb_hunt SET frozen_at = :at WHERE hunt_id = :hunt")
                    .param("at", ts(ceilToMicros(e.at()))).param("hunt", hunt).update();
            recomputeHunt(hunt);
        });
    }

    /**
     * PostgreSQL keeps microseconds. Event times are whole milliseconds, so "at &lt; freeze" gives
     * the same answer against the freeze rounded up to the next microsecond.
     */
    private static Instant ceilToMicros(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(at) ? at : floor.plus(1, ChronoUnit.MICROS);
    }

    @EventHandler
    void on(PlayerRegistered e, @Timestamp Instant at, TrackingToken token) {
        long index = indexOf(token);
        projections.inSavepoint(() -> {
            String hunt = e.huntId().value();
            HuntRules rules = lockHunt(hunt);
            jdbc.sql("""
                            INSERT INTO lb_player (player_id, hunt_id, handle, registered_index, registered_at,
                                                   live_reached_at, pub_reached_at)
                            VALUES (:player, :hunt, :handle, :index, :at, :at, :at)
                            ON CONFLICT (player_id) DO NOTHING""")
                    .param("player", e.playerId().value())
                    .param("hunt", hunt)
                    .param("handle", e.handle())
                    .param("index", index)
                    .param("at", ts(at))
                    .update();
            recomputePlayer(hunt, e.playerId().value(), rules);
        });
    }

    @EventHandler
    void on(PlayerDisqualified e, TrackingToken token) {
        long index = indexOf(token);
        projections.inSavepoint(() -> {
            lockHunt(e.huntId().value());
            jdbc.sql("""
                            UPDATE lb_player SET disqualified_index = GREATEST(disqualified_index, :index),
                                                 disqualified = GREATEST(disqualified_index, :index) > reinstated_index
                            WHERE player_id = :player""")
                    .param("index", index).param("player", e.playerId().value()).update();
        });
    }

    @EventHandler
    void on(PlayerReinstated e, TrackingToken token) {
        long index = indexOf(token);
        projections.inSavepoint(() -> {
            lockHunt(e.huntId().value());
            jdbc.sql("""
                            UPDATE lb_player SET reinstated_index = GREATEST(reinstated_index, :index),
                                                 disqualified = disqualified_index > GREATEST(reinstated_index, :index)
                            WHERE player_id = :player""")
                    .param("index", index).param("player", e.playerId().value()).update();
        });
    }

    @EventHandler
    void on(ClueFound e, @Timestamp Instant at, TrackingToken token) {
        long index = indexOf(token);
        projections.inSavepoint(() -> {
            String hunt = e.huntId().value();
            String player = e.playerId().value();
            HuntRules rules = lockHunt(hunt);
            Optional<FirstFind> liveFirst = firstFind(hunt, e.clueId().value(), null);
            Optional<FirstFind> publicFirst = firstFind(hunt, e.clueId().value(), rules.frozenAt());
            if (!insertFact(index, hunt, player, ScoreFact.Kind.FIND, e.clueId().value(), e.points(), at)) {
                return; // seen before: nothing changes
            }
            // A lower index than the first finder so far takes the bonus from them.
            Set<String> affected = new LinkedHashSet<>();
            affected.add(player);
            liveFirst.filter(f -> index < f.index()).ifPresent(f -> affected.add(f.playerId()));
            publicFirst.filter(f -> Scoring.visible(at, rules.frozenAt()) && index < f.index())
                    .ifPresent(f -> affected.add(f.playerId()));
            affected.forEach(p -> recomputePlayer(hunt, p, rules));
        });
    }

    @EventHandler
    void on(HintTaken e, @Timestamp Instant at, TrackingToken token) {
        long index = indexOf(token);
        projections.inSavepoint(() -> {
            HuntRules rules = lockHunt(e.huntId().value());
            if (insertFact(index, e.huntId().value(), e.playerId().value(), ScoreFact.Kind.HINT,
                    e.clueId().value(), e.penalty(), at)) {
                recomputePlayer(e.huntId().value(), e.playerId().value(), rules);
            }
        });
    }

    @EventHandler
    void on(ScoreAdjusted e, @Timestamp Instant at, TrackingToken token) {
        long index = indexOf(token);
        projections.inSavepoint(() -> {
            HuntRules rules = lockHunt(e.huntId().value());
            if (insertFact(index, e.huntId().value(), e.playerId().value(), ScoreFact.Kind.ADJUSTMENT,
                    null, e.points(), at)) {
                recomputePlayer(e.huntId().value(), e.playerId().value(), rules);
            }
        });
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM lb_fact").update();
        jdbc.sql("DELETE FROM lb_player").update();
        jdbc.sql("DELETE FROM lb_hunt").update();
    }

    private record FirstFind(long index, String playerId) {
    }

    private Optional<FirstFind> firstFind(String hunt, String clue, Instant cutoff) {
        return jdbc.sql("""
                        SELECT global_index, player_id FROM lb_fact
                        WHERE hunt_id = :hunt AND kind = 'FIND' AND clue_id = :clue
                          AND (CAST(:cutoff AS TIMESTAMPTZ) IS NULL OR at < :cutoff)
                        ORDER BY global_index LIMIT 1""")
                .param("hunt", hunt).param("clue", clue).param("cutoff", ts(cutoff), Types.TIMESTAMP)
                .query((rs, n) -> new FirstFind(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    private boolean insertFact(long index, String hunt, String player, ScoreFact.Kind kind, String clue, int points,
                               Instant at) {
        return jdbc.sql("""
                        INSERT INTO lb_fact (global_index, hunt_id, player_id, kind, clue_id, points, at)
                        VALUES (:index, :hunt, :player, :kind, :clue, :points, :at)
                        ON CONFLICT (global_index) DO NOTHING""")
                .param("index", index).param("hunt", hunt).param("player", player).param("kind", kind.name())
                .param("clue", clue).param("points", points).param("at", ts(at))
                .update() == 1;
    }

    private void recomputeHunt(String hunt) {
        HuntRules rules = jdbc.sql("SELECT first_finder_bonus, frozen_at FROM lb_hunt WHERE hunt_id = :hunt")
                .param("hunt", hunt)
                .query((rs, n) -> new HuntRules(rs.getInt(1), instant(rs.getTimestamp(2))))
                .single();
        List<String> players = jdbc.sql("SELECT player_id FROM lb_player WHERE hunt_id = :hunt")
                .param("hunt", hunt).query(String.class).list();
        for (String player : players) {
            recomputePlayer(hunt, player, rules);
        }
    }

    /** Rewrites one player's live and public columns from their facts, with the shared rules. */
    private void recomputePlayer(String hunt, String player, HuntRules rules) {
        record Registration(Instant at, long index) {
        }
        Optional<Registration> registration = jdbc.sql(
                        "SELECT registered_at, registered_index FROM lb_player WHERE player_id = :player")
                .param("player", player)
                .query((rs, n) -> new Registration(instant(rs.getTimestamp(1)), rs.getLong(2)))
                .optional();
        if (registration.isEmpty()) {
            return; // facts of a player are handled after their registration; nothing to rank yet
        }
        List<ScoreFact> facts = jdbc.sql("""
                        SELECT global_index, at, kind, clue_id, points FROM lb_fact
                        WHERE player_id = :player ORDER BY global_index""")
                .param("player", player)
                .query((rs, n) -> new ScoreFact(rs.getLong(1), instant(rs.getTimestamp(2)),
                        ScoreFact.Kind.valueOf(rs.getString(3)),
                        rs.getString(4) == null ? null : new ClueId(rs.getString(4)), rs.getInt(5)))
                .list();
        Map<ClueId, Long> liveFirsts = new HashMap<>();
        Map<ClueId, Long> publicFirsts = new HashMap<>();
        jdbc.sql("""
                        SELECT clue_id, min(global_index),
                               min(global_index) FILTER (WHERE CAST(:cutoff AS TIMESTAMPTZ) IS NULL OR at < :cutoff)
                        FROM lb_fact
                        WHERE hunt_id = :hunt AND kind = 'FIND'
                          AND clue_id IN (SELECT clue_id FROM lb_fact WHERE player_id = :player AND kind = 'FIND')
                        GROUP BY clue_id""")
                .param("cutoff", ts(rules.frozenAt()), Types.TIMESTAMP).param("hunt", hunt).param("player", player)
                .query(rs -> {
                    ClueId clue = new ClueId(rs.getString(1));
                    liveFirsts.put(clue, rs.getLong(2));
                    long publicFirst = rs.getLong(3);
                    if (!rs.wasNull()) {
                        publicFirsts.put(clue, publicFirst);
                    }
                });
        Registration reg = registration.get();
        Tally live = Scoring.tally(facts, null, liveFirsts, rules.bonus());
        Tally pub = Scoring.tally(facts, rules.frozenAt(), publicFirsts, rules.bonus());
        jdbc.sql("""
                        UPDATE lb_player SET
                            live_score = :liveScore, live_clues = :liveClues, live_last_scored = :liveLast,
                            live_reached_at = :liveReached,
                            pub_visible = :pubVisible, pub_score = :pubScore, pub_clues = :pubClues,
                            pub_last_scored = :pubLast, pub_reached_at = :pubReached
                        WHERE player_id = :player""")
                .param("liveScore", live.score()).param("liveClues", live.cluesFound())
                .param("liveLast", ts(live.lastScoredAt()))
                .param("liveReached", ts(RankKey.of(live, reg.at(), reg.index()).reachedAt()))
                .param("pubVisible", Scoring.visible(reg.at(), rules.frozenAt()))
                .param("pubScore", pub.score()).param("pubClues", pub.cluesFound())
                .param("pubLast", ts(pub.lastScoredAt()))
                .param("pubReached", ts(RankKey.of(pub, reg.at(), reg.index()).reachedAt()))
                .param("player", player)
                .update();
    }
}
