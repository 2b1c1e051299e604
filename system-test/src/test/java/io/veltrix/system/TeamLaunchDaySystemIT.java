package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.testsupport.EmbeddedDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator's team mode, run as the benchmark runs it (its jar, a child JVM) for a few
 * seconds at a small rate against both services: captains create teams under a maxTeams cap,
 * members join with the teams' codes, members submit finds paced per team, and the check compares
 * the board team by team and asks the audit's verify.
 */
class TeamLaunchDaySystemIT {

    private static final int TEAMS = 6;
    private static final int MAX_TEAMS = 5;
    private static final int TEAM_SIZE = 3;

    private static Services services;
    private static EmbeddedDatabase.ServiceDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        services = Services.start(database);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aTeamModeRunCreatesJoinsPlaysAndChecksTheBoardTeamByTeam() throws Exception {
        JsonNode summary = GeneratorRun.summary("team", services, database, List.of(
                "--phases", "stampede,finds,lag,check",
                "--teams", Integer.toString(TEAMS), "--max-teams", Integer.toString(MAX_TEAMS),
                "--team-size", Integer.toString(TEAM_SIZE), "--max-players", "100",
                "--clues", "5", "--rate", "10", "--duration", "4s", "--lag-sample-rate", "1",
                // a find shed by a busy test machine is sent again with its key, as a player's app would
                "--retry-until-answered", "20s",
                "--registration-concurrency", "8", "--check-timeout", "30s"));

        assertThat(summary.get("mode").asText()).isEqualTo("team");
        assertThat(summary.at("/errors/count").asInt()).as(summary.get("errors").toString()).isZero();
        // maxTeams refuses one captain; every team that exists fills up
        JsonNode counts = summary.get("counts");
        assertThat(counts.get("teamsAttempted").asInt()).isEqualTo(TEAMS);
        assertThat(counts.get("teamsCreated").asInt()).isEqualTo(MAX_TEAMS);
        assertThat(counts.get("teamJoinsCreated").asInt()).isEqualTo(MAX_TEAMS * (TEAM_SIZE - 1));
        assertThat(counts.get("registrationsCreated").asInt()).isEqualTo(MAX_TEAMS * TEAM_SIZE);
        assertThat(counts.get("registrationsRejected409").asInt()).isEqualTo(TEAMS - MAX_TEAMS);
        assertThat(summary.at("/rates/stampedeWallSeconds").asDouble()).isPositive();
        assertThat(summary.at("/rates/teamCreationsWallSeconds").asDouble()).isPositive();
        assertThat(summary.at("/rates/teamJoinsWallSeconds").asDouble()).isPositive();
        assertThat(counts.get("findsAcknowledged").asInt()).isPositive();
        assertThat(summary.at("/counts/findOutcomes/FOUND").asInt()).isPositive();

        // the board ranks the created teams and says what their members' acknowledged finds give
        JsonNode check = summary.at("/phases/check");
        assertThat(check.get("mode").asText()).isEqualTo("team");
        assertThat(check.get("expectedTeams").asInt()).isEqualTo(MAX_TEAMS);
        assertThat(check.get("boardAvailable").asBoolean()).isTrue();
        assertThat(check.get("differenceCount").asInt()).isZero();
        assertThat(check.get("matched").asInt() + check.get("registeredWithoutScoreNotListed").asInt())
                .isEqualTo(MAX_TEAMS);
        assertThat(check.at("/audit/available").asBoolean()).isTrue();
        assertThat(check.at("/audit/result/boardMatchesReplay").asBoolean()).isTrue();
        assertThat(check.at("/audit/result/chainsIntact").asBoolean()).isTrue();
        // a member's own view shows the team's score: the lag probe saw every sampled find there
        assertThat(summary.at("/phases/lag/visible").asInt()).isPositive();
        assertThat(summary.at("/phases/lag/timedOut").asInt()).isZero();
    }
}
