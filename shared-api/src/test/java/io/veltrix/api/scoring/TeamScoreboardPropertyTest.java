package io.veltrix.api.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.TeamClueFindRepeated;
import io.veltrix.api.team.TeamClueFound;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamId;
import io.veltrix.api.team.TeamMemberJoined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A team's score on the board is the sum of what its members' credited finds earned (base points,
 * plus the bonus where the find is its clue's first in the store's order), however the members'
 * submissions interleave and in whatever order the events reach the fold.
 */
class TeamScoreboardPropertyTest {

    private static final int TEAMS = 3;
    private static final int MEMBERS = 3;
    private static final int CLUES = 4;
    private static final int BONUS = 7;

    private static TeamId team(int t) {
        return new TeamId("team-" + t);
    }

    private static PlayerId member(int t, int m) {
        return new PlayerId("member-" + t + "-" + m);
    }

    private static int points(int clue) {
        return 10 * clue;
    }

    /**
     * Plays the submissions as the team aggregates decide them: a member's correct answer finds the
     * clue for the team unless a teammate already did.
     */
    private static HuntStory play(List<Integer> submissions) {
        HuntStory story = new HuntStory().created(0, BONUS);
        story.at(0, new TeamModeSet(story.hunt, MEMBERS, null));
        for (int t = 0; t < TEAMS; t++) {
            story.at(1, new TeamCreated(team(t), story.hunt, "Team " + t, member(t, 0), "code"));
            for (int m = 0; m < MEMBERS; m++) {
                story.at(1, new TeamMemberJoined(team(t), story.hunt, member(t, m), "m" + t + m));
            }
        }
        Map<Integer, Set<Integer>> found = new HashMap<>();
        long clock = 2;
        for (int code : submissions) {
            Random r = new Random(code);
            clock += r.nextInt(3);
            int t = r.nextInt(TEAMS);
            int m = r.nextInt(MEMBERS);
            int clue = r.nextInt(CLUES);
            ClueId clueId = HuntStory.clue(clue);
            if (found.computeIfAbsent(t, x -> new HashSet<>()).add(clue)) {
                story.at(clock, new TeamClueFound(team(t), story.hunt, clueId, member(t, m), points(clue), 0));
            } else {
                story.at(clock, new TeamClueFindRepeated(team(t), story.hunt, clueId, member(t, m)));
            }
        }
        return story;
    }

    /** What each member's credited finds earned, from the stream alone, the bonus by lowest index. */
    private static Map<String, Integer> earnedByMember(HuntStory story) {
        Map<ClueId, Long> first = new HashMap<>();
        for (IndexedEvent e : story.events) {
            if (e.payload() instanceof TeamClueFound f) {
                first.merge(f.clueId(), e.index(), Math::min);
            }
        }
        Map<String, Integer> earned = new HashMap<>();
        for (IndexedEvent e : story.events) {
            if (e.payload() instanceof TeamClueFound f) {
                int bonus = first.get(f.clueId()) == e.index() ? BONUS : 0;
                earned.merge(f.playerId().value(), f.points() + bonus, Integer::sum);
            }
        }
        return earned;
    }

    @Property(tries = 300)
    void aTeamsScoreIsTheSumOfItsMembersCreditedFinds(@ForAll @Size(max = 80) List<@IntRange(min = 0) Integer> submissions,
                                                      @ForAll long seed) {
        HuntStory story = play(submissions);
        List<IndexedEvent> shuffled = new ArrayList<>(story.events);
        Collections.shuffle(shuffled, new Random(seed));
        Scoreboard board = new Scoreboard(story.hunt);
        board.applyAll(shuffled);

        Map<String, Integer> earned = earnedByMember(story);
        List<TeamStanding> teams = board.liveTeams();
        assertThat(teams).hasSize(TEAMS);
        for (TeamStanding standing : teams) {
            int t = Integer.parseInt(standing.teamId().value().substring("team-".length()));
            int sum = 0;
            for (int m = 0; m < MEMBERS; m++) {
                sum += earned.getOrDefault(member(t, m).value(), 0);
            }
            assertThat(standing.score()).as("team %d", t).isEqualTo(sum);
            assertThat(standing.members()).extracting(TeamStanding.Member::playerId)
                    .containsExactly(member(t, 0), member(t, 1), member(t, 2));
        }
        // and the order of arrival changed nothing
        assertThat(teams).isEqualTo(story.fold().liveTeams());
        // a team-mode hunt has no solo players on its board
        assertThat(board.live()).isEmpty();
    }

    @Property(tries = 100)
    void eachClueCountsOncePerTeamWhoeverOfItsMembersAnswers(@ForAll @Size(max = 80) List<@IntRange(min = 0) Integer> submissions) {
        HuntStory story = play(submissions);
        Map<String, Set<ClueId>> cluesByTeam = new HashMap<>();
        for (IndexedEvent e : story.events) {
            if (e.payload() instanceof TeamClueFound f) {
                cluesByTeam.computeIfAbsent(f.teamId().value(), x -> new HashSet<>()).add(f.clueId());
            }
        }
        for (TeamStanding standing : story.fold().liveTeams()) {
            assertThat(standing.cluesFound())
                    .isEqualTo(cluesByTeam.getOrDefault(standing.teamId().value(), Set.of()).size())
                    .isLessThanOrEqualTo(CLUES);
        }
    }
}
