package io.veltrix.query.leaderboard;

import io.veltrix.api.find.ClueFindRefused;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFindRepeated;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.team.TeamClueFindRejected;
import io.veltrix.api.team.TeamClueFindRepeated;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * A random hunt history, solo or in teams, told in entrant and clue numbers so that it can be
 * played again with fresh identifiers (the board's tables key players and facts across hunts):
 * registrations, finds with first-find races whose clocks disagree with global order, repeated
 * and wrong answers, hints, adjustments (zero included), disqualifications and reinstatements,
 * team members joining and leaving, and freezes moved back and forth (a freeze moved past every
 * event unfreezes the public board). With it comes a delivery plan such as the leaderboard's
 * processor may produce: each aggregate's events in their order, aggregates interleaved
 * arbitrarily (segments, gap fills), cut into batches, an event now and then delivered again.
 * The same seed gives the same history and plan.
 */
final class RandomHuntHistory {

    /** The identifiers one play of the history uses. */
    record Cast(HuntId hunt, List<PlayerId> players, List<TeamId> teams, List<ClueId> clues) {

        static Cast fresh(RandomHuntHistory history) {
            List<PlayerId> players = new ArrayList<>();
            for (int i = 0; i < history.playerCount; i++) {
                players.add(PlayerId.random());
            }
            List<TeamId> teams = new ArrayList<>();
            for (int i = 0; i < history.teamCount; i++) {
                teams.add(TeamId.random());
            }
            List<ClueId> clues = new ArrayList<>();
            for (int i = 0; i < history.clueCount; i++) {
                clues.add(new ClueId("clue-" + i));
            }
            return new Cast(HuntId.random(), players, teams, clues);
        }
    }

    /** One event at its place in global order (its position in {@link #steps}). */
    record Step(String aggregate, Instant at, String text, Function<Cast, Object> payload) {

        /** The stream the command side appends it to: the processor keeps each stream's order. */
        String aggregateType() {
            return aggregate.startsWith("p") ? "Player" : aggregate.startsWith("t") ? "Team" : "Hunt";
        }
    }

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    final long seed;
    final boolean teamMode;
    final int playerCount;
    final int teamCount;
    final int clueCount;
    final List<Step> steps = new ArrayList<>();
    /** Positions in {@link #steps}, batch by batch, as delivered. */
    final List<List<Integer>> batches = new ArrayList<>();

    private final Random random;
    private long clock;

    private RandomHuntHistory(long seed, boolean teamMode) {
        this.seed = seed;
        this.teamMode = teamMode;
        this.random = new Random(seed);
        this.clueCount = 1 + random.nextInt(4);
        this.teamCount = teamMode ? 2 + random.nextInt(4) : 0;
        this.playerCount = teamMode ? teamCount * 3 : 2 + random.nextInt(7);
    }

    private RandomHuntHistory(long seed, boolean teamMode, int players, int teams, int clues) {
        this.seed = seed;
        this.teamMode = teamMode;
        this.random = new Random(seed);
        this.clueCount = clues;
        this.teamCount = teams;
        this.playerCount = players;
    }

    /** A history written out by hand (a case a seed once found), with {@link #then} and {@link #delivered}. */
    static RandomHuntHistory told(long foundBySeed, boolean teamMode, int players, int teams, int clues) {
        return new RandomHuntHistory(foundBySeed, teamMode, players, teams, clues);
    }

    /** The next event in global order, recorded {@code millis} after {@link #T0}. */
    RandomHuntHistory then(String aggregate, long millis, String text, Function<Cast, Object> payload) {
        steps.add(new Step(aggregate, T0.plusMillis(millis), text, payload));
        return this;
    }

    /** The next batch delivered: these steps, by position. */
    RandomHuntHistory delivered(Integer... positions) {
        batches.add(List.of(positions));
        return this;
    }

    static RandomHuntHistory generate(long seed, boolean teamMode) {
        RandomHuntHistory history = new RandomHuntHistory(seed, teamMode);
        int bonus = history.random.nextInt(3) == 0 ? 0 : 1 + history.random.nextInt(9);
        history.add("hunt", "HuntCreated bonus " + bonus,
                c -> new HuntCreated(c.hunt(), "hunt", null, null, null, bonus, 5, 60, "organizer"));
        if (teamMode) {
            history.add("hunt", "TeamModeSet", c -> new TeamModeSet(c.hunt(), 3, null));
            history.playTeams(20 + history.random.nextInt(100));
        } else {
            history.playSolo(20 + history.random.nextInt(100));
        }
        history.planDelivery();
        return history;
    }

    private void add(String aggregate, String text, Function<Cast, Object> payload) {
        clock += random.nextInt(4) == 0 ? 0 : random.nextInt(1500) - 300; // ties, and clocks that disagree
        steps.add(new Step(aggregate, T0.plusMillis(clock), text, payload));
    }

    private int clueValue(int clue) {
        return 5 + 5 * clue;
    }

    private void playSolo(int count) {
        Set<Integer> registered = new HashSet<>();
        Set<String> found = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int p = random.nextInt(playerCount);
            String who = "p" + p;
            if (registered.add(p)) {
                add(who, "PlayerRegistered " + who,
                        c -> new PlayerRegistered(c.players().get(p), c.hunt(), "player-" + p, "hash"));
                continue;
            }
            int clue = random.nextInt(clueCount);
            int roll = random.nextInt(20);
            if (roll < 7) {
                find(who, clue, found, c -> new ClueFound(c.players().get(p), c.hunt(), c.clues().get(clue),
                        clueValue(clue)), c -> new ClueFindRepeated(c.players().get(p), c.hunt(), c.clues().get(clue)));
            } else if (roll < 9) {
                int rival = random.nextInt(playerCount);
                if (registered.contains(rival) && rival != p) { // a race: the later index has the earlier clock
                    find(who, clue, found, c -> new ClueFound(c.players().get(p), c.hunt(), c.clues().get(clue),
                            clueValue(clue)), c -> new ClueFindRepeated(c.players().get(p), c.hunt(), c.clues().get(clue)));
                    clock -= 2 + random.nextInt(800);
                    find("p" + rival, clue, found, c -> new ClueFound(c.players().get(rival), c.hunt(),
                            c.clues().get(clue), clueValue(clue)),
                            c -> new ClueFindRepeated(c.players().get(rival), c.hunt(), c.clues().get(clue)));
                }
            } else if (roll < 11) {
                int penalty = random.nextInt(4);
                add(who, "HintTaken " + who + " clue-" + clue + " -" + penalty,
                        c -> new HintTaken(c.players().get(p), c.hunt(), c.clues().get(clue), penalty));
            } else if (roll < 13) {
                int points = random.nextInt(21) - 10;
                add(who, "ScoreAdjusted " + who + " " + points,
                        c -> new ScoreAdjusted(c.players().get(p), c.hunt(), points, "r", "organizer"));
            } else if (roll == 13) {
                add(who, "PlayerDisqualified " + who,
                        c -> new PlayerDisqualified(c.players().get(p), c.hunt(), "r", "organizer"));
            } else if (roll == 14) {
                add(who, "PlayerReinstated " + who, c -> new PlayerReinstated(c.players().get(p), c.hunt(), "organizer"));
            } else if (roll == 15) {
                freeze();
            } else if (roll < 18) {
                add(who, "ClueFindRejected " + who + " clue-" + clue,
                        c -> new ClueFindRejected(c.players().get(p), c.hunt(), c.clues().get(clue), 1));
            } else {
                add(who, "ClueFindRefused " + who + " clue-" + clue,
                        c -> new ClueFindRefused(c.players().get(p), c.hunt(), c.clues().get(clue), 30));
            }
        }
    }

    private void find(String who, int clue, Set<String> found, Function<Cast, Object> first,
                      Function<Cast, Object> again) {
        if (found.add(who + "/" + clue)) {
            add(who, "ClueFound " + who + " clue-" + clue + " " + clueValue(clue), first);
        } else {
            add(who, "ClueFindRepeated " + who + " clue-" + clue, again);
        }
    }

    /** A (new) freeze instant: before, at or after what happened so far, sometimes past every event. */
    private void freeze() {
        int how = random.nextInt(5);
        Instant at;
        if (how == 0 && !steps.isEmpty()) { // exactly the clock of an event: that event is not before it
            at = steps.get(random.nextInt(steps.size())).at();
        } else if (how == 1) {
            at = T0.plusMillis(clock + 10_000_000); // later than anything: the public board follows live again
        } else {
            at = T0.plusMillis(clock - random.nextInt(5000)).plusNanos(random.nextInt(1_000_000));
        }
        add("hunt", "ScoreboardFrozen at " + at, c -> new ScoreboardFrozen(c.hunt(), at, "organizer"));
    }

    private void playTeams(int count) {
        Map<Integer, List<Integer>> rosters = new LinkedHashMap<>();
        Set<Integer> left = new HashSet<>();
        Set<String> found = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int t = random.nextInt(teamCount);
            String team = "t" + t;
            List<Integer> roster = rosters.get(t);
            if (roster == null) { // the captain registers, creates the team and joins it
                int captain = 3 * t;
                add("p" + captain, "PlayerRegistered p" + captain, c -> new PlayerRegistered(c.players().get(captain),
                        c.hunt(), "member-" + captain, "hash"));
                add(team, "TeamCreated " + team, c -> new TeamCreated(c.teams().get(t), c.hunt(), "team-" + t,
                        c.players().get(captain), "code"));
                add(team, "TeamMemberJoined " + team + " p" + captain, c -> new TeamMemberJoined(c.teams().get(t),
                        c.hunt(), c.players().get(captain), "member-" + captain));
                rosters.put(t, new ArrayList<>(List.of(captain)));
                continue;
            }
            int member = roster.get(random.nextInt(roster.size()));
            int clue = random.nextInt(clueCount);
            int roll = random.nextInt(21);
            if (roll < 2 && roster.size() + countLeft(t, left) < 3) {
                int joining = 3 * t + roster.size() + countLeft(t, left);
                add("p" + joining, "PlayerRegistered p" + joining, c -> new PlayerRegistered(c.players().get(joining),
                        c.hunt(), "member-" + joining, "hash"));
                add(team, "TeamMemberJoined " + team + " p" + joining, c -> new TeamMemberJoined(c.teams().get(t),
                        c.hunt(), c.players().get(joining), "member-" + joining));
                roster.add(joining);
            } else if (roll == 2 && roster.size() > 1 && member != 3 * t) {
                add(team, "TeamMemberRemoved " + team + " p" + member, c -> new TeamMemberRemoved(c.teams().get(t),
                        c.hunt(), c.players().get(member), c.players().get(3 * t)));
                roster.remove(Integer.valueOf(member));
                left.add(member);
            } else if (roll < 10) {
                if (found.add(team + "/" + clue)) {
                    add(team, "TeamClueFound " + team + " by p" + member + " clue-" + clue + " " + clueValue(clue),
                            c -> new TeamClueFound(c.teams().get(t), c.hunt(), c.clues().get(clue),
                                    c.players().get(member), clueValue(clue), 0));
                    if (random.nextBoolean()) {
                        clock -= 2 + random.nextInt(800); // the next event's clock may be earlier: a race
                    }
                } else {
                    add(team, "TeamClueFindRepeated " + team + " clue-" + clue, c -> new TeamClueFindRepeated(
                            c.teams().get(t), c.hunt(), c.clues().get(clue), c.players().get(member)));
                }
            } else if (roll < 12) {
                int penalty = random.nextInt(4);
                add(team, "TeamHintTaken " + team + " clue-" + clue + " -" + penalty, c -> new TeamHintTaken(
                        c.teams().get(t), c.hunt(), c.clues().get(clue), c.players().get(member), penalty));
            } else if (roll < 14) {
                int points = random.nextInt(21) - 10;
                add(team, "TeamScoreAdjusted " + team + " " + points,
                        c -> new TeamScoreAdjusted(c.teams().get(t), c.hunt(), points, "r", "organizer"));
            } else if (roll == 14) {
                add(team, "TeamDisqualified " + team,
                        c -> new TeamDisqualified(c.teams().get(t), c.hunt(), "r", "organizer"));
            } else if (roll == 15) {
                add(team, "TeamReinstated " + team, c -> new TeamReinstated(c.teams().get(t), c.hunt(), "organizer"));
            } else if (roll == 16) {
                freeze();
            } else {
                add(team, "TeamClueFindRejected " + team + " clue-" + clue, c -> new TeamClueFindRejected(
                        c.teams().get(t), c.hunt(), c.clues().get(clue), c.players().get(member), 1));
            }
        }
    }

    private static int countLeft(int team, Set<Integer> left) {
        return (int) left.stream().filter(p -> p / 3 == team).count();
    }

    /**
     * Each aggregate's events stay in order; which aggregate goes next is drawn by its own speed,
     * so some streams (the hunt's freezes and bonus, a player's finds) run far behind others.
     */
    private void planDelivery() {
        Map<String, List<Integer>> streams = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            streams.computeIfAbsent(steps.get(i).aggregate(), a -> new ArrayList<>()).add(i);
        }
        Map<String, Integer> speeds = new LinkedHashMap<>();
        streams.keySet().forEach(a -> speeds.put(a, 1 + random.nextInt(10)));
        List<Integer> order = new ArrayList<>();
        while (!streams.isEmpty()) {
            int total = streams.keySet().stream().mapToInt(speeds::get).sum();
            int pick = random.nextInt(total);
            for (Map.Entry<String, List<Integer>> stream : streams.entrySet()) {
                pick -= speeds.get(stream.getKey());
                if (pick < 0) {
                    order.add(stream.getValue().remove(0));
                    if (stream.getValue().isEmpty()) {
                        streams.remove(stream.getKey());
                    }
                    break;
                }
            }
        }
        int maxBatch = 1 + random.nextInt(30);
        for (int i = 0; i < order.size(); ) {
            int size = 1 + random.nextInt(maxBatch);
            int end = Math.min(order.size(), i + size);
            List<Integer> batch = new ArrayList<>(order.subList(i, end));
            i = end;
            if (random.nextInt(6) == 0) { // an event already delivered comes again
                batch.add(random.nextInt(batch.size() + 1), order.get(random.nextInt(end)));
            }
            batches.add(batch);
        }
    }
}
