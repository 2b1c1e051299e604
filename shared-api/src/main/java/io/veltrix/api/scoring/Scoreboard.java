package io.veltrix.api.scoring;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leaderboard of one hunt as a fold over its events. Apply events one by one or in batches,
 * in any order: every fact is kept by its global index, so applying an event twice changes
 * nothing, and the first finder of a clue is always the lowest index seen, whatever arrived first.
 * Boards are derived on demand: {@link #live()} for organizers, {@link #publicBoard()} honouring a
 * freeze.
 *
 * <p>Freeze: the public board counts only score events (finds, hints, adjustments) and
 * registrations recorded strictly before the freeze instant. Disqualification is a correction and
 * applies to both boards at once.
 */
public final class Scoreboard {

    private final HuntId huntId;
    private int firstFinderBonus;
    private long bonusIndex = -1;
    private Instant frozenAt;
    private long frozenIndex = -1;
    private final Map<PlayerId, Player> players = new LinkedHashMap<>();
    /** Per clue, every find by global index: the first visible one earns the bonus. */
    private final Map<ClueId, TreeMap<Long, ScoreFact>> findsByClue = new HashMap<>();

    public Scoreboard(HuntId huntId) {
        this.huntId = huntId;
    }

    private static final class Player {
        final PlayerId id;
        String handle;
        long registrationIndex = -1;
        Instant registeredAt;
        long disqualifiedIndex = -1;
        long reinstatedIndex = -1;
        final TreeMap<Long, ScoreFact> facts = new TreeMap<>();

        Player(PlayerId id) {
            this.id = id;
        }

        boolean disqualified() {
            return disqualifiedIndex > reinstatedIndex;
        }
    }

    /** Forgets everything, as before the hunt's first event. */
    public void reset() {
        firstFinderBonus = 0;
        bonusIndex = -1;
        frozenAt = null;
        frozenIndex = -1;
        players.clear();
        findsByClue.clear();
    }

    public void applyAll(Iterable<IndexedEvent> events) {
        for (IndexedEvent event : events) {
            apply(event);
        }
    }

    /** Folds one event in; events of other hunts and types that do not score are ignored. */
    public void apply(IndexedEvent event) {
        long index = event.index();
        Instant at = event.timestamp();
        Object payload = event.payload();
        if (payload instanceof HuntCreated e && huntId.equals(e.huntId())) {
            if (index > bonusIndex) {
                bonusIndex = index;
                firstFinderBonus = e.firstFinderBonus();
            }
        } else if (payload instanceof ScoreboardFrozen e && huntId.equals(e.huntId())) {
            if (index > frozenIndex) {
                frozenIndex = index;
                frozenAt = e.at();
            }
        } else if (payload instanceof PlayerRegistered e && huntId.equals(e.huntId())) {
            Player p = player(e.playerId());
            if (p.registeredAt == null || index < p.registrationIndex) { // a player registers once; keep the first
                p.handle = e.handle();
                p.registrationIndex = index;
                p.registeredAt = at;
            }
        } else if (payload instanceof PlayerDisqualified e && huntId.equals(e.huntId())) {
            Player p = player(e.playerId());
            p.disqualifiedIndex = Math.max(p.disqualifiedIndex, index);
        } else if (payload instanceof PlayerReinstated e && huntId.equals(e.huntId())) {
            Player p = player(e.playerId());
            p.reinstatedIndex = Math.max(p.reinstatedIndex, index);
        } else if (payload instanceof ClueFound e && huntId.equals(e.huntId())) {
            ScoreFact fact = new ScoreFact(index, at, ScoreFact.Kind.FIND, e.clueId(), e.points());
            player(e.playerId()).facts.put(index, fact);
            findsByClue.computeIfAbsent(e.clueId(), c -> new TreeMap<>()).put(index, fact);
        } else if (payload instanceof HintTaken e && huntId.equals(e.huntId())) {
            player(e.playerId()).facts.put(index, new ScoreFact(index, at, ScoreFact.Kind.HINT, e.clueId(), e.penalty()));
        } else if (payload instanceof ScoreAdjusted e && huntId.equals(e.huntId())) {
            player(e.playerId()).facts.put(index, new ScoreFact(index, at, ScoreFact.Kind.ADJUSTMENT, null, e.points()));
        }
    }

    private Player player(PlayerId id) {
        return players.computeIfAbsent(id, Player::new);
    }

    public Instant frozenAt() {
        return frozenAt;
    }

    public int firstFinderBonus() {
        return firstFinderBonus;
    }

    /** The board organizers and auditors see: every event so far. */
    public List<Standing> live() {
        return board(null);
    }

    /** The board the public sees: as of the freeze instant if the scoreboard is frozen. */
    public List<Standing> publicBoard() {
        return board(frozenAt);
    }

    /** The board counting only events recorded strictly before {@code cutoff} (null = everything). */
    public List<Standing> board(Instant cutoff) {
        Map<ClueId, Long> firsts = firstFindIndexes(cutoff);
        record Line(Player player, Tally tally, RankKey key) {
        }
        List<Line> lines = new ArrayList<>();
        for (Player p : players.values()) {
            if (p.registeredAt == null || p.disqualified() || !Scoring.visible(p.registeredAt, cutoff)) {
                continue;
            }
            Tally tally = Scoring.tally(p.facts.values(), cutoff, firsts, firstFinderBonus);
            lines.add(new Line(p, tally, RankKey.of(tally, p.registeredAt, p.registrationIndex)));
        }
        lines.sort(Comparator.comparing(Line::key, RankKey.ORDER));
        List<Standing> board = new ArrayList<>(lines.size());
        for (Line line : lines) {
            board.add(new Standing(board.size() + 1, line.player.id, line.player.handle, line.tally.score(),
                    line.tally.cluesFound(), line.tally.lastScoredAt()));
        }
        return board;
    }

    /** For each clue, the lowest global index of a find visible under {@code cutoff}. */
    public Map<ClueId, Long> firstFindIndexes(Instant cutoff) {
        Map<ClueId, Long> firsts = new HashMap<>();
        findsByClue.forEach((clue, finds) -> finds.values().stream()
                .filter(f -> Scoring.visible(f.at(), cutoff))
                .findFirst()
                .ifPresent(f -> firsts.put(clue, f.index())));
        return firsts;
    }
}
