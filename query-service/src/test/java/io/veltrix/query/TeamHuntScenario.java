package io.veltrix.query;

import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
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
import io.veltrix.platform.security.PlayerTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A whole team-mode hunt as events: teams created and joined (one member removed before the
 * start), then members racing for clues for their teams, hints, team adjustments, a team
 * disqualified and reinstated, a freeze in the middle. Timestamps jitter, so clock order and global
 * order disagree now and then. The same seed gives the same events.
 */
public final class TeamHuntScenario {

    public final HuntId hunt = HuntId.random();
    public final List<TeamId> teams = new ArrayList<>();
    public final List<List<PlayerId>> members = new ArrayList<>();
    public final List<ClueId> clues = new ArrayList<>();
    public final List<EventLog.Timed> setup = new ArrayList<>();
    public final List<EventLog.Timed> play = new ArrayList<>();

    public static String token(PlayerId player) {
        return "token-" + player.value();
    }

    public static TeamHuntScenario generate(long seed, int teamCount, int teamSize, int clueCount, int steps) {
        TeamHuntScenario s = new TeamHuntScenario();
        Random random = new Random(seed);
        Instant t0 = Instant.now().minusSeconds(3600);
        long clock = 0;
        s.setup.add(new EventLog.Timed(t0, new HuntCreated(s.hunt, "Teams " + seed, null, null, null, 7, 5, 60, "organizer")));
        s.setup.add(new EventLog.Timed(t0, new TeamModeSet(s.hunt, teamSize, null)));
        for (int c = 0; c < clueCount; c++) {
            ClueId clue = new ClueId("clue-" + c + "-" + s.hunt.value().substring(0, 8));
            s.clues.add(clue);
            s.setup.add(new EventLog.Timed(t0, new ClueAdded(s.hunt, clue, "Clue " + c, "riddle " + c, 10 + 5 * c,
                    "hint " + c, c % 2 == 0 ? 3 : 0, "salt", List.of("hash"), "org")));
        }
        s.setup.add(new EventLog.Timed(t0, new HuntPublished(s.hunt, clueCount, "org")));
        for (int t = 0; t < teamCount; t++) {
            TeamId team = TeamId.random();
            s.teams.add(team);
            List<PlayerId> roster = new ArrayList<>();
            s.members.add(roster);
            for (int m = 0; m < teamSize; m++) {
                PlayerId player = PlayerId.random();
                roster.add(player);
                Instant at = t0.plusSeconds(clock++);
                s.setup.add(new EventLog.Timed(at,
                        new PlayerRegistered(player, s.hunt, "member" + t + "x" + m, PlayerTokens.hash(token(player)))));
                if (m == 0) {
                    s.setup.add(new EventLog.Timed(at, new TeamCreated(team, s.hunt, "Team " + t, player, "code")));
                }
                s.setup.add(new EventLog.Timed(at, new TeamMemberJoined(team, s.hunt, player, "member" + t + "x" + m)));
            }
        }
        // the last team's last member leaves before the start
        List<PlayerId> lastRoster = s.members.get(teamCount - 1);
        PlayerId leaving = lastRoster.remove(lastRoster.size() - 1);
        s.setup.add(new EventLog.Timed(t0.plusSeconds(clock), new TeamMemberRemoved(s.teams.get(teamCount - 1), s.hunt,
                leaving, lastRoster.get(0))));
        s.setup.add(new EventLog.Timed(t0.plusSeconds(clock), new HuntStarted(s.hunt, "org")));
        Set<String> found = new HashSet<>();
        Set<String> hinted = new HashSet<>();
        boolean frozen = false;
        for (int i = 0; i < steps; i++) {
            clock += random.nextInt(5) - 1;
            Instant at = t0.plusSeconds(clock);
            int t = random.nextInt(teamCount);
            TeamId team = s.teams.get(t);
            List<PlayerId> roster = s.members.get(t);
            PlayerId member = roster.get(random.nextInt(roster.size()));
            int c = random.nextInt(clueCount);
            ClueId clue = s.clues.get(c);
            String key = team.value() + clue.value();
            int roll = random.nextInt(20);
            Object event;
            if (roll < 9) {
                event = found.add(key) ? new TeamClueFound(team, s.hunt, clue, member, 10 + 5 * c, 0)
                        : new TeamClueFindRepeated(team, s.hunt, clue, member);
            } else if (roll < 12 && hinted.add(key)) {
                event = new TeamHintTaken(team, s.hunt, clue, member, c % 2 == 0 ? 3 : 0);
            } else if (roll < 15) {
                event = new TeamScoreAdjusted(team, s.hunt, random.nextInt(21) - 10, "correction", "org");
            } else if (roll == 15) {
                event = new TeamDisqualified(team, s.hunt, "suspicious", "org");
            } else if (roll == 16) {
                event = new TeamReinstated(team, s.hunt, "org");
            } else if (roll == 17 && !frozen && i > steps / 2) {
                frozen = true;
                event = new ScoreboardFrozen(s.hunt, t0.plusSeconds(clock - 2), "org");
            } else {
                event = new TeamClueFindRejected(team, s.hunt, clue, member, 1);
            }
            s.play.add(new EventLog.Timed(at, event));
        }
        return s;
    }

    /** Appends everything, in transactions of up to {@code perTransaction} events. */
    public void appendTo(EventLog log, int perTransaction) {
        log.append(setup);
        for (int i = 0; i < play.size(); i += perTransaction) {
            log.append(play.subList(i, Math.min(play.size(), i + perTransaction)));
        }
    }
}
