package io.veltrix.api.scoring;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.team.TeamClueFound;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamDisqualified;
import io.veltrix.api.team.TeamHintTaken;
import io.veltrix.api.team.TeamId;
import io.veltrix.api.team.TeamMemberJoined;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.api.team.TeamReinstated;
import io.veltrix.api.team.TeamScoreAdjusted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leaderboard of one hunt as a fold over its events. In a team-mode hunt the same rules rank
 * teams ({@link #teamBoard}): a team is an entrant like a solo player, its facts are its own
 * stream's finds, hints and adjustments, and its "registration" is its creation. Apply events one by one or in batches,
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
    private boolean teamMode;
    private final Map<String, Entrant> players = new LinkedHashMap<>();
    private final Map<String, Entrant> teams = new LinkedHashMap<>();
    /** Team members by player id; removed ones keep their row, marked. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    /** Per clue, every find by global index: the first visible one earns the bonus. */
    private final Map<ClueId, TreeMap<Long, ScoreFact>> findsByClue = new HashMap<>();

    public Scoreboard(HuntId huntId) {
        this.huntId = huntId;
    }

    /** A solo player or a team: what the board ranks. */
    private static final class Entrant {
        final String id;
        String name;
        long registrationIndex = -1;
        Instant registeredAt;
        long disqualifiedIndex = -1;
        long reinstatedIndex = -1;
        final TreeMap<Long, ScoreFact> facts = new TreeMap<>();

        Entrant(String id) {
            this.id = id;
        }

        boolean disqualified() {
            return disqualifiedIndex > reinstatedIndex;
        }

        void registered(String name, long index, Instant at) {
            if (registeredAt == null || index < registrationIndex) { // an entrant registers once; keep the first
                this.name = name;
                registrationIndex = index;
                registeredAt = at;
            }
        }
    }

    private static final class Member {
        String teamId;
        String handle;
        long joinedIndex = -1;
        long removedIndex = -1;
    }

    /** Forgets everything, as before the hunt's first event. */
    public void reset() {
        firstFinderBonus = 0;
        bonusIndex = -1;
        frozenAt = null;
        frozenIndex = -1;
        teamMode = false;
        players.clear();
        teams.clear();
        members.clear();
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
        } else if (payload instanceof HuntEdited e && huntId.equals(e.huntId())) {
            if (index > bonusIndex) {
                bonusIndex = index;
                firstFinderBonus = e.firstFinderBonus();
            }
        } else if (payload instanceof TeamModeSet e && huntId.equals(e.huntId())) {
            teamMode = true;
        } else if (payload instanceof ScoreboardFrozen e && huntId.equals(e.huntId())) {
            if (index > frozenIndex) {
                frozenIndex = index;
                frozenAt = e.at();
            }
        } else if (payload instanceof PlayerRegistered e && huntId.equals(e.huntId())) {
            player(e.playerId()).registered(e.handle(), index, at);
        } else if (payload instanceof PlayerDisqualified e && huntId.equals(e.huntId())) {
            Entrant p = player(e.playerId());
            p.disqualifiedIndex = Math.max(p.disqualifiedIndex, index);
        } else if (payload instanceof PlayerReinstated e && huntId.equals(e.huntId())) {
            Entrant p = player(e.playerId());
            p.reinstatedIndex = Math.max(p.reinstatedIndex, index);
        } else if (payload instanceof ClueFound e && huntId.equals(e.huntId())) {
            find(player(e.playerId()), new ScoreFact(index, at, ScoreFact.Kind.FIND, e.clueId(), e.points()));
        } else if (payload instanceof HintTaken e && huntId.equals(e.huntId())) {
            player(e.playerId()).facts.put(index, new ScoreFact(index, at, ScoreFact.Kind.HINT, e.clueId(), e.penalty()));
        } else if (payload instanceof ScoreAdjusted e && huntId.equals(e.huntId())) {
            player(e.playerId()).facts.put(index, new ScoreFact(index, at, ScoreFact.Kind.ADJUSTMENT, null, e.points()));
        } else {
            applyTeamEvent(index, at, payload);
        }
    }

    private void applyTeamEvent(long index, Instant at, Object payload) {
        if (payload instanceof TeamCreated e && huntId.equals(e.huntId())) {
            team(e.teamId()).registered(e.name(), index, at);
        } else if (payload instanceof TeamMemberJoined e && huntId.equals(e.huntId())) {
            Member m = members.computeIfAbsent(e.playerId().value(), id -> new Member());
            if (m.joinedIndex < 0 || index < m.joinedIndex) {
                m.teamId = e.teamId().value();
                m.handle = e.handle();
                m.joinedIndex = index;
            }
        } else if (payload instanceof TeamMemberRemoved e && huntId.equals(e.huntId())) {
            Member m = members.computeIfAbsent(e.playerId().value(), id -> new Member());
            m.removedIndex = Math.max(m.removedIndex, index);
        } else if (payload instanceof TeamClueFound e && huntId.equals(e.huntId())) {
            find(team(e.teamId()), new ScoreFact(index, at, ScoreFact.Kind.FIND, e.clueId(), e.points()));
        } else if (payload instanceof TeamHintTaken e && huntId.equals(e.huntId())) {
            team(e.teamId()).facts.put(index, new ScoreFact(index, at, ScoreFact.Kind.HINT, e.clueId(), e.penalty()));
        } else if (payload instanceof TeamScoreAdjusted e && huntId.equals(e.huntId())) {
            team(e.teamId()).facts.put(index, new ScoreFact(index, at, ScoreFact.Kind.ADJUSTMENT, null, e.points()));
        } else if (payload instanceof TeamDisqualified e && huntId.equals(e.huntId())) {
            Entrant t = team(e.teamId());
            t.disqualifiedIndex = Math.max(t.disqualifiedIndex, index);
        } else if (payload instanceof TeamReinstated e && huntId.equals(e.huntId())) {
            Entrant t = team(e.teamId());
            t.reinstatedIndex = Math.max(t.reinstatedIndex, index);
        }
    }

    private void find(Entrant entrant, ScoreFact fact) {
        entrant.facts.put(fact.index(), fact);
        findsByClue.computeIfAbsent(fact.clueId(), c -> new TreeMap<>()).put(fact.index(), fact);
    }

    private Entrant team(TeamId id) {
        return teams.computeIfAbsent(id.value(), Entrant::new);
    }

    private Entrant player(PlayerId id) {
        return players.computeIfAbsent(id.value(), Entrant::new);
    }

    /** Whether the hunt is played in teams: its board is {@link #teamBoard}, and {@link #board} is empty. */
    public boolean teamMode() {
        return teamMode;
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
        List<Standing> board = new ArrayList<>();
        for (Ranked line : ranked(players, cutoff)) {
            board.add(new Standing(board.size() + 1, new PlayerId(line.entrant().id), line.entrant().name,
                    line.tally().score(), line.tally().cluesFound(), line.tally().lastScoredAt()));
        }
        return board;
    }

    /** The team board organizers and auditors see: every event so far. */
    public List<TeamStanding> liveTeams() {
        return teamBoard(null);
    }

    /** The team board the public sees: as of the freeze instant if the scoreboard is frozen. */
    public List<TeamStanding> publicTeams() {
        return teamBoard(frozenAt);
    }

    /**
     * The teams ranked by the same rules as players, counting only events recorded strictly before
     * {@code cutoff} (null = everything); each line lists the team's current members.
     */
    public List<TeamStanding> teamBoard(Instant cutoff) {
        Map<String, List<Map.Entry<Long, TeamStanding.Member>>> rosters = new HashMap<>();
        members.forEach((playerId, m) -> {
            if (m.joinedIndex >= 0 && m.removedIndex < m.joinedIndex) {
                rosters.computeIfAbsent(m.teamId, t -> new ArrayList<>()).add(
                        Map.entry(m.joinedIndex, new TeamStanding.Member(new PlayerId(playerId), m.handle)));
            }
        });
        List<TeamStanding> board = new ArrayList<>();
        for (Ranked line : ranked(teams, cutoff)) {
            List<TeamStanding.Member> roster = rosters.getOrDefault(line.entrant().id, List.of()).stream()
                    .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
            board.add(new TeamStanding(board.size() + 1, new TeamId(line.entrant().id), line.entrant().name,
                    line.tally().score(), line.tally().cluesFound(), line.tally().lastScoredAt(), roster));
        }
        return board;
    }

    private record Ranked(Entrant entrant, Tally tally, RankKey key) {
    }

    /** The entrants on the board under {@code cutoff}, in rank order, with their tallies. */
    private List<Ranked> ranked(Map<String, Entrant> entrants, Instant cutoff) {
        Map<ClueId, Long> firsts = firstFindIndexes(cutoff);
        List<Ranked> lines = new ArrayList<>();
        for (Entrant e : entrants.values()) {
            if (e.registeredAt == null || e.disqualified() || !Scoring.visible(e.registeredAt, cutoff)) {
                continue;
            }
            Tally tally = Scoring.tally(e.facts.values(), cutoff, firsts, firstFinderBonus);
            lines.add(new Ranked(e, tally, RankKey.of(tally, e.registeredAt, e.registrationIndex)));
        }
        lines.sort(Comparator.comparing(Ranked::key, RankKey.ORDER));
        return lines;
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
