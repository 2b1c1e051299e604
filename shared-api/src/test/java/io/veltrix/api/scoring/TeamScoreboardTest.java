package io.veltrix.api.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.TeamClueFound;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamDisqualified;
import io.veltrix.api.team.TeamHintTaken;
import io.veltrix.api.team.TeamId;
import io.veltrix.api.team.TeamMemberJoined;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.api.team.TeamReinstated;
import io.veltrix.api.team.TeamScoreAdjusted;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The team board: the rules of the solo board, applied to teams. */
class TeamScoreboardTest {

    private static final TeamId OWLS = new TeamId("owls");
    private static final TeamId LARKS = new TeamId("larks");
    private static final PlayerId ANN = new PlayerId("ann");
    private static final PlayerId BOB = new PlayerId("bob");
    private static final PlayerId CAROL = new PlayerId("carol");

    private static HuntStory twoTeams() {
        HuntStory story = new HuntStory().created(0, 5);
        story.at(0, new TeamModeSet(story.hunt, 3, null));
        story.at(1, new TeamCreated(OWLS, story.hunt, "Owls", ANN, "c"));
        story.at(1, new TeamMemberJoined(OWLS, story.hunt, ANN, "ann"));
        story.at(2, new TeamCreated(LARKS, story.hunt, "Larks", CAROL, "c"));
        story.at(2, new TeamMemberJoined(LARKS, story.hunt, CAROL, "carol"));
        story.at(3, new TeamMemberJoined(OWLS, story.hunt, BOB, "bob"));
        return story;
    }

    @Test
    void teamsRankByScoreThenWhenTheyReachedItThenCreationOrderWithTheirMembers() {
        HuntStory story = twoTeams();
        assertThat(story.fold().teamMode()).isTrue();
        assertThat(new HuntStory().created(0, 5).fold().teamMode()).isFalse();
        assertThat(story.fold().liveTeams()).extracting(TeamStanding::teamId).containsExactly(OWLS, LARKS);
        story.at(10, new TeamClueFound(LARKS, story.hunt, HuntStory.clue(1), CAROL, 20, 0));
        story.at(11, new TeamClueFound(OWLS, story.hunt, HuntStory.clue(1), BOB, 20, 0));
        story.at(12, new TeamHintTaken(OWLS, story.hunt, HuntStory.clue(2), ANN, 3));
        story.at(13, new TeamScoreAdjusted(OWLS, story.hunt, 8, "photo", "org"));
        List<TeamStanding> board = story.fold().liveTeams();
        assertThat(board.get(0)).isEqualTo(new TeamStanding(1, LARKS, "Larks", 25, 1, HuntStory.T0.plusSeconds(10),
                List.of(new TeamStanding.Member(CAROL, "carol"))));
        assertThat(board.get(1)).isEqualTo(new TeamStanding(2, OWLS, "Owls", 25, 1, HuntStory.T0.plusSeconds(13),
                List.of(new TeamStanding.Member(ANN, "ann"), new TeamStanding.Member(BOB, "bob"))));
    }

    @Test
    void aFreezeDisqualificationAndRemovalShowOnTheTeamBoardAsOnTheSoloOne() {
        HuntStory story = twoTeams();
        story.at(5, new TeamClueFound(OWLS, story.hunt, HuntStory.clue(1), BOB, 20, 0));
        story.frozen(6, 7);
        story.at(8, new TeamClueFound(LARKS, story.hunt, HuntStory.clue(2), CAROL, 50, 0));
        Scoreboard board = story.fold();
        assertThat(board.publicTeams()).extracting(TeamStanding::score).containsExactly(25, 0);
        assertThat(board.liveTeams()).extracting(TeamStanding::score).containsExactly(55, 25);

        story.at(9, new TeamDisqualified(LARKS, story.hunt, "shared answers", "org"));
        story.at(9, new TeamMemberRemoved(OWLS, story.hunt, BOB, ANN));
        board = story.fold();
        assertThat(board.liveTeams()).singleElement().satisfies(owls -> {
            assertThat(owls.teamId()).isEqualTo(OWLS);
            assertThat(owls.members()).containsExactly(new TeamStanding.Member(ANN, "ann"));
        });
        story.at(10, new TeamReinstated(LARKS, story.hunt, "org"));
        assertThat(story.fold().liveTeams()).extracting(TeamStanding::teamId).containsExactly(LARKS, OWLS);
    }
}
