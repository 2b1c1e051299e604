package io.veltrix.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.TeamStanding;
import io.veltrix.query.ApiClient;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.TeamHuntScenario;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A team-mode hunt's board, projected, against the shared scoring fold of its events. */
class TeamBoardTest extends QueryTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWholeTeamHuntProjectsToTheTeamBoardReplayGives() throws Exception {
        TeamHuntScenario scenario = TeamHuntScenario.generate(20261201L, 8, 3, 6, 300);
        scenario.appendTo(events, 5);
        awaitTeamBoardsMatchReplay(scenario.hunt);
        Scoreboard replay = fold(scenario.hunt);
        assertThat(replay.frozenAt()).isNotNull(); // the scenario did freeze
        assertThat(replay.liveTeams()).hasSizeGreaterThanOrEqualTo(2); // some teams end disqualified
        assertThat(leaderboards.teamMode(scenario.hunt.value())).isTrue();

        // the organizers' list: the teams first, ranked as on the live board, then the members, unranked
        List<RosterLine> roster = leaderboards.roster(scenario.hunt.value(), "", 1000, 0);
        List<RosterLine> rankedTeams = roster.stream().filter(l -> l.team() && !l.disqualified()).toList();
        assertThat(rankedTeams).extracting(RosterLine::playerId)
                .containsExactlyElementsOf(replay.liveTeams().stream().map(t -> t.teamId().value()).toList());
        assertThat(rankedTeams).extracting(RosterLine::rank)
                .containsExactlyElementsOf(replay.liveTeams().stream().map(TeamStanding::rank).toList());
        assertThat(roster.stream().filter(l -> !l.team())).isNotEmpty().allSatisfy(member -> assertThat(member.rank()).isNull());
        assertThat(roster.indexOf(rankedTeams.get(rankedTeams.size() - 1)))
                .isLessThan(roster.indexOf(roster.stream().filter(l -> !l.team()).findFirst().orElseThrow()));

        // over HTTP: team lines, the frozen public board for anyone, members without the removed one
        HttpResponse<String> answer = new ApiClient(port).get("/api/hunts/" + scenario.hunt + "/leaderboard?limit=100");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode board = JSON.readTree(answer.body());
        assertThat(board).hasSize(replay.publicTeams().size());
        JsonNode top = board.get(0);
        TeamStanding expectedTop = replay.publicTeams().get(0);
        assertThat(top.get("rank").asInt()).isEqualTo(1);
        assertThat(top.get("teamId").asText()).isEqualTo(expectedTop.teamId().value());
        assertThat(top.get("name").asText()).isEqualTo(expectedTop.name());
        assertThat(top.get("score").asInt()).isEqualTo(expectedTop.score());
        assertThat(top.get("cluesFound").asInt()).isEqualTo(expectedTop.cluesFound());
        assertThat(top.get("members")).hasSize(expectedTop.members().size());
        assertThat(top.has("playerId")).isFalse();
        String removedMember = "member" + (scenario.teams.size() - 1) + "x2";
        assertThat(answer.body()).doesNotContain(removedMember);
        // no member is ranked as a player of their own
        assertThat(answer.body()).doesNotContain("\"handle\":\"member0x0\",\"score\"");

        // the hunt's summary says it is played in teams, by how many, and counts the removed member out
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            JsonNode summary = JSON.readTree(new ApiClient(port).get("/api/hunts/" + scenario.hunt).body());
            assertThat(summary.get("teamSize").asInt()).isEqualTo(3);
            assertThat(summary.has("maxTeams")).isFalse();
            assertThat(summary.get("teams").asInt()).isEqualTo(8);
            assertThat(summary.get("players").asInt()).isEqualTo(8 * 3 - 1);
        });
    }

    @Test
    void theCsvOfATeamHuntListsTeamsWithTheirMembers() throws Exception {
        TeamHuntScenario scenario = TeamHuntScenario.generate(7L, 3, 2, 3, 40);
        scenario.appendTo(events, 10);
        awaitTeamBoardsMatchReplay(scenario.hunt);
        HttpResponse<String> csv = new ApiClient(port).get("/api/hunts/" + scenario.hunt + "/leaderboard.csv",
                ApiClient.ORGANIZER);
        assertThat(csv.statusCode()).isEqualTo(200);
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).isEqualTo("rank,teamId,name,score,cluesFound,lastScoredAt,disqualified,members");
        assertThat(rows).hasSize(1 + 3);
        assertThat(csv.body()).contains("member0x0 member0x1");
    }

    @Test
    void aMembersViewIsTheirTeamsProgressWithWhoFoundWhat() throws Exception {
        TeamHuntScenario scenario = TeamHuntScenario.generate(11L, 3, 3, 4, 60);
        scenario.appendTo(events, 10);
        awaitTeamBoardsMatchReplay(scenario.hunt);
        TeamStanding standing = fold(scenario.hunt).liveTeams().get(0);
        int t = scenario.teams.indexOf(standing.teamId());
        var member = scenario.members.get(t).get(1);
        HttpResponse<String> answer = new ApiClient(port).get("/api/hunts/" + scenario.hunt + "/players/" + member,
                ApiClient.bearer(member));
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode view = JSON.readTree(answer.body());
        assertThat(view.get("playerId").asText()).isEqualTo(member.value());
        assertThat(view.get("handle").asText()).isEqualTo("member" + t + "x1");
        assertThat(view.get("score").asInt()).isEqualTo(standing.score());
        assertThat(view.get("team").get("teamId").asText()).isEqualTo(standing.teamId().value());
        assertThat(view.get("team").get("name").asText()).isEqualTo(standing.name());
        assertThat(view.get("team").get("members")).hasSize(scenario.members.get(t).size());
        assertThat(view.get("found")).hasSize(standing.cluesFound());
        List<String> roster = scenario.members.get(t).stream().map(p -> p.value()).toList();
        for (JsonNode found : view.get("found")) {
            assertThat(roster).contains(found.get("foundBy").get("playerId").asText());
        }
        // a solo player's view has no team
        HttpResponse<String> solo = new ApiClient(port).get("/api/hunts/" + scenario.hunt + "/players/"
                + scenario.members.get(t).get(0) + "x", ApiClient.bearer(member));
        assertThat(solo.statusCode()).isEqualTo(403);
    }
}
