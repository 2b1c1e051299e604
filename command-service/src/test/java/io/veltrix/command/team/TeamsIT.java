package io.veltrix.command.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.command.CommandServiceIT;
import io.veltrix.command.groupcommit.GroupCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Team-mode hunts over HTTP: creating, joining and leaving teams, and the caps under a stampede. */
class TeamsIT extends CommandServiceIT {

    @Autowired
    GroupCommit groupCommit;

    private String teamHunt(String settings) {
        String hunt = createHunt("{\"name\":\"Teams\"" + settings + "}");
        addClue(hunt, "Only", List.of("yes"), 10, null, 0);
        transition(hunt, "publish");
        return hunt;
    }

    private Answer createTeam(String hunt, String name, String handle) {
        return post("/api/hunts/" + hunt + "/teams", json(Map.of("name", name, "handle", handle)), null);
    }

    private Answer joinTeam(String hunt, String team, String handle, String code) {
        return post("/api/hunts/" + hunt + "/teams/" + team + "/members",
                json(Map.of("handle", handle, "joinCode", code)), null);
    }

    private long events(String aggregate) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(aggregate).query(Long.class).single();
    }

    @Test
    void aTeamIsCreatedByItsCaptainAndJoinedWithItsCodeUntilFull() {
        String hunt = teamHunt(",\"teamSize\":2");
        Answer created = createTeam(hunt, "Night Owls", "ann");
        assertThat(created.status()).isEqualTo(201);
        JsonNode team = created.json();
        assertThat(team.get("teamId").asText()).isNotBlank();
        assertThat(team.get("joinCode").asText()).hasSize(11);
        assertThat(team.get("token").asText()).startsWith("vxp_");
        String teamId = team.get("teamId").asText();
        String code = team.get("joinCode").asText();
        assertThat(jdbc.sql("SELECT team_id FROM team_member WHERE player_id = ?")
                .param(team.get("playerId").asText()).query(String.class).single()).isEqualTo(teamId);

        Answer wrongCode = joinTeam(hunt, teamId, "bob", "not-the-code");
        assertThat(wrongCode.status()).isEqualTo(403);
        assertThat(wrongCode.contentType()).startsWith("application/problem+json");
        // codes are typed by people: case and surrounding spaces do not matter
        Answer joined = joinTeam(hunt, teamId, "bob", " " + code.toUpperCase() + " ");
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.json().get("token").asText()).startsWith("vxp_");
        Answer full = joinTeam(hunt, teamId, "carol", code);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.json().get("detail").asText()).isEqualTo("the team is full (2 players)");
        assertThat(events(teamId)).isEqualTo(3); // created, captain joined, bob joined
    }

    @Test
    void teamNamesAreUniqueIgnoringCaseAndLookAlikesAndHandlesAcrossTeams() {
        String hunt = teamHunt(",\"teamSize\":4");
        JsonNode owls = createTeam(hunt, "Night Owls", "ann").json();
        // Cyrillic о in place of the Latin o
        Answer lookAlike = createTeam(hunt, "NIGHT \u043EWLS", "dave");
        assertThat(lookAlike.status()).isEqualTo(409);
        assertThat(lookAlike.json().get("type").asText()).endsWith("team-name-taken");
        Answer handleTaken = joinTeam(hunt, createTeam(hunt, "Larks", "erin").json().get("teamId").asText(), "ANN",
                "whatever");
        assertThat(handleTaken.status()).isEqualTo(403); // the wrong code is refused before anything else
        Answer sameHandle = joinTeam(hunt, owls.get("teamId").asText(), "Ann", owls.get("joinCode").asText());
        assertThat(sameHandle.status()).isEqualTo(409);
        assertThat(sameHandle.json().get("type").asText()).endsWith("handle-taken");
        Answer invisible = createTeam(hunt, "Owls\u200B", "fred");
        assertThat(invisible.status()).isEqualTo(400);
        assertThat(invisible.json().get("detail").asText()).contains("a team name cannot hold invisible");
    }

    @Test
    void soloAndTeamRegistrationsStayInTheirOwnKindOfHunt() {
        String teams = teamHunt(",\"teamSize\":3");
        Answer solo = post("/api/hunts/" + teams + "/players", json(Map.of("handle", "lonely")), null);
        assertThat(solo.status()).isEqualTo(409);
        assertThat(solo.json().get("type").asText()).endsWith("team-hunt");
        String soloHunt = teamHunt("");
        Answer team = createTeam(soloHunt, "Owls", "ann");
        assertThat(team.status()).isEqualTo(409);
        assertThat(team.json().get("type").asText()).endsWith("solo-hunt");
        Answer badSize = post("/api/hunts", "{\"name\":\"x\",\"teamSize\":0}", ORGANIZER);
        assertThat(badSize.status()).isEqualTo(400);
        Answer capWithoutTeams = post("/api/hunts", "{\"name\":\"x\",\"maxTeams\":3}", ORGANIZER);
        assertThat(capWithoutTeams.status()).isEqualTo(400);
    }

    @Test
    void aTeamHuntWithAJoinCodeTakesTeamsOnlyWithItAndNoneOnceEnded() {
        String hunt = teamHunt(",\"teamSize\":3,\"joinCode\":\"secret-door\"");
        assertThat(createTeam(hunt, "Owls", "ann").status()).isEqualTo(403);
        assertThat(post("/api/hunts/" + hunt + "/teams",
                json(Map.of("name", "Owls", "handle", "ann", "joinCode", "Secret-Door")), null).status()).isEqualTo(201);
        transition(hunt, "end");
        Answer closed = post("/api/hunts/" + hunt + "/teams",
                json(Map.of("name", "Larks", "handle", "bob", "joinCode", "secret-door")), null);
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("type").asText()).endsWith("registration-closed");
    }

    @Test
    void theCaptainRemovesAMemberBeforeTheStartWhoseHandleAndPlaceAreFreeAgain() {
        String hunt = teamHunt(",\"teamSize\":2,\"maxPlayers\":2");
        JsonNode team = createTeam(hunt, "Owls", "ann").json();
        String teamId = team.get("teamId").asText();
        String code = team.get("joinCode").asText();
        JsonNode bob = joinTeam(hunt, teamId, "bob", code).json();
        String remove = "/api/hunts/" + hunt + "/teams/" + teamId + "/members/" + bob.get("playerId").asText() + "/remove";

        assertThat(post(remove, null, bearer(bob.get("token").asText())).status()).isEqualTo(403);
        assertThat(post(remove, null, null).status()).isEqualTo(401);
        assertThat(post(remove, null, bearer(team.get("token").asText())).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM team_member WHERE team_id = ?").param(teamId)
                .query(Long.class).single()).isEqualTo(1);
        // the hunt was full at two players: the freed seat, handle and place take bob again
        assertThat(joinTeam(hunt, teamId, "bob", code).status()).isEqualTo(201);

        transition(hunt, "start");
        JsonNode carolTeam = createTeam(teamHunt(",\"teamSize\":2"), "Larks", "carol").json();
        assertThat(carolTeam.get("teamId")).isNotNull();
        String again = "/api/hunts/" + hunt + "/teams/" + teamId + "/members/"
                + jdbc.sql("SELECT player_id FROM team_member WHERE team_id = ? AND player_id <> ?")
                        .params(teamId, team.get("playerId").asText()).query(String.class).single() + "/remove";
        Answer started = post(again, null, bearer(team.get("token").asText()));
        assertThat(started.status()).isEqualTo(409);
        assertThat(started.json().get("type").asText()).endsWith("hunt-started");
    }

    @Test
    void aStampedeOfTeamsAndMembersFillsEveryCapExactly() throws Exception {
        String hunt = teamHunt(",\"teamSize\":4,\"maxTeams\":5,\"maxPlayers\":18");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<Answer>> creations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String n = "team-" + i;
            creations.add(() -> createTeam(hunt, n, "captain-" + n));
        }
        List<Answer> created = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(creations)) {
            created.add(answer.get());
        }
        assertThat(statuses(created)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 5L, 409, 15L));

        // 5 captains are in; 13 seats are left for 15 places in the teams, and 40 players rush for them
        List<Callable<Answer>> joins = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            JsonNode team = created.stream().filter(a -> a.status() == 201).toList().get(i % 5).json();
            String handle = "member-" + i;
            joins.add(() -> joinTeam(hunt, team.get("teamId").asText(), handle, team.get("joinCode").asText()));
        }
        List<Answer> joined = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(joins)) {
            joined.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses(joined)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 13L, 409, 27L));
        Map<String, Long> sizes = jdbc.sql("SELECT team_id, count(*) FROM team_member WHERE hunt_id = ? GROUP BY team_id")
                .param(hunt).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(sizes).hasSize(5);
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isBetween(1L, 4L));
        assertThat(sizes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(18);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry e JOIN player_handle h ON h.player_id = e.aggregate_identifier
                        WHERE h.hunt_id = ? AND e.payload_type = 'io.veltrix.api.player.PlayerRegistered'
                        """).param(hunt).query(Long.class).single()).isEqualTo(18);
    }

    @Test
    void aFullTeamUnderAStampedeTakesExactlyItsSize() throws Exception {
        String hunt = teamHunt(",\"teamSize\":5");
        JsonNode team = createTeam(hunt, "Crowd", "captain").json();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Answer>> joins = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String handle = "rusher-" + i;
            joins.add(() -> joinTeam(hunt, team.get("teamId").asText(), handle, team.get("joinCode").asText()));
        }
        List<Answer> joined = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(joins)) {
            joined.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses(joined)).containsExactlyInAnyOrderEntriesOf(Map.of(201, 4L, 409, 26L));
        assertThat(events(team.get("teamId").asText())).isEqualTo(6);
    }

    /**
     * Team creations and joins arriving together are carried by the group commit: fewer durable
     * commits than requests, every one of them acknowledged and on disk.
     */
    @Test
    void concurrentTeamCreationsAndJoinsShareCommits() throws Exception {
        String hunt = teamHunt(",\"teamSize\":2,\"maxTeams\":30,\"maxPlayers\":60");
        int teams = 30;
        ExecutorService pool = Executors.newFixedThreadPool(teams);
        GroupCommit.Stats beforeCreations = groupCommit.stats();
        List<Callable<Answer>> creations = new ArrayList<>();
        for (int i = 0; i < teams; i++) {
            String n = "batched-" + i;
            creations.add(() -> createTeam(hunt, n, "captain-" + n));
        }
        List<JsonNode> created = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(creations)) {
            assertThat(answer.get().status()).isEqualTo(201);
            created.add(answer.get().json());
        }
        GroupCommit.Stats afterCreations = groupCommit.stats();
        assertThat(afterCreations.items() - beforeCreations.items()).as("team creations carried by the group commit")
                .isGreaterThanOrEqualTo(teams);
        assertThat(afterCreations.commits() - beforeCreations.commits()).as("commits for " + teams + " creations")
                .isLessThan(afterCreations.items() - beforeCreations.items());

        List<Callable<Answer>> joins = new ArrayList<>();
        for (JsonNode team : created) {
            String handle = "second-" + team.get("name").asText();
            joins.add(() -> joinTeam(hunt, team.get("teamId").asText(), handle, team.get("joinCode").asText()));
        }
        for (Future<Answer> answer : pool.invokeAll(joins)) {
            assertThat(answer.get().status()).isEqualTo(201);
        }
        pool.shutdown();
        GroupCommit.Stats afterJoins = groupCommit.stats();
        assertThat(afterJoins.items() - afterCreations.items()).as("joins carried by the group commit")
                .isGreaterThanOrEqualTo(teams);
        assertThat(afterJoins.commits() - afterCreations.commits()).as("commits for " + teams + " joins")
                .isLessThan(afterJoins.items() - afterCreations.items());
        assertThat(jdbc.sql("SELECT count(*) FROM team_member WHERE hunt_id = ?").param(hunt).query(Long.class).single())
                .isEqualTo(2L * teams);
    }

    private static Map<Integer, Long> statuses(List<Answer> answers) {
        return answers.stream().map(Answer::status)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
