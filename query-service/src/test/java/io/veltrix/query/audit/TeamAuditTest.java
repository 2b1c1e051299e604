package io.veltrix.query.audit;

import static io.veltrix.query.ApiClient.ADMIN;
import static io.veltrix.query.ApiClient.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.scoring.IndexedEvent;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.query.ApiClient;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.TeamHuntScenario;
import io.veltrix.query.leaderboard.TeamBoardLine;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A team-mode hunt through the audit trail: point-in-time boards, verify, tampering and a replay, per team. */
class TeamAuditTest extends QueryTestBase {

    private final ObjectMapper json = CanonicalJson.mapper();
    private ApiClient api;
    private TeamHuntScenario scenario;

    @BeforeEach
    void aPlayedTeamHunt() {
        api = new ApiClient(port);
        scenario = TeamHuntScenario.generate(20261202L, 5, 3, 5, 150);
        scenario.appendTo(events, 10);
        awaitTeamBoardsMatchReplay(scenario.hunt);
    }

    @AfterEach
    void storeRefusesChangesAgain() {
        StoreTampering.forbid(superuser);
    }

    private String base() {
        return "/api/audit/hunts/" + scenario.hunt.value();
    }

    private JsonNode verify() throws Exception {
        HttpResponse<String> response = api.get(base() + "/verify", AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void theTeamBoardAsOfAnInstantIsTheFoldOfTheEventsRecordedUntilThen() throws Exception {
        List<IndexedEvent> stored = events.read(scenario.hunt);
        // the latest instant, two thirds into the hunt or before, at which some team was on the board
        Instant asOf = null;
        Scoreboard expected = null;
        for (int i = stored.size() * 2 / 3; i > 0 && (expected == null || expected.liveTeams().isEmpty()); i--) {
            Instant at = stored.get(i).timestamp();
            asOf = at;
            expected = new Scoreboard(scenario.hunt);
            stored.stream().filter(e -> !e.timestamp().isAfter(at)).forEach(expected::apply);
        }
        HttpResponse<String> response = api.get(base() + "/leaderboard?asOf=" + asOf, AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<TeamBoardLine> board = json.convertValue(json.readTree(response.body()).get("board"),
                json.getTypeFactory().constructCollectionType(List.class, TeamBoardLine.class));
        assertThat(board).as(response.body()).isNotEmpty().isEqualTo(asTeamLines(expected.liveTeams()));
    }

    @Test
    void anUntouchedTeamHuntVerifiesAndAForgedTeamFindIsNamed() throws Exception {
        JsonNode report = verify();
        assertThat(report.get("chainsIntact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("boardMatchesReplay").asBoolean()).as(report.toString()).isTrue();

        record Find(long index, String team, int points) {
        }
        Find find = jdbc.sql("""
                        SELECT global_index, aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'points'
                        FROM domain_event_entry WHERE payload_type = 'io.veltrix.api.team.TeamClueFound'
                          AND aggregate_identifier IN (:teams)
                        ORDER BY global_index LIMIT 1""")
                // a team on the board at the end: its forged points show in the replay
                .param("teams", fold(scenario.hunt).liveTeams().stream().map(t -> t.teamId().value()).toList())
                .query((rs, n) -> new Find(rs.getLong(1), rs.getString(2), Integer.parseInt(rs.getString(3))))
                .single();
        StoreTampering.allow(superuser);
        assertThat(superuser.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), :from, :to), 'UTF8')
                        WHERE global_index = :index""")
                .param("from", "\"points\":" + find.points() + ",").param("to", "\"points\":" + (find.points() + 1000) + ",")
                .param("index", find.index()).update()).isOne();
        JsonNode tampered = verify();
        assertThat(tampered.get("chainsIntact").asBoolean()).isFalse();
        assertThat(tampered.get("brokenLinks").get(0).get("aggregateId").asText()).isEqualTo(find.team());
        assertThat(tampered.get("boardMatchesReplay").asBoolean()).isFalse();
        assertThat(tampered.get("differences").get(0).get("replayed").has("teamId")).isTrue();
    }

    @Test
    void aReplayedLeaderboardRebuildsTheTeamBoard() throws Exception {
        String replay = "/api/admin/projections/leaderboard";
        assertThat(api.post(replay + "/replay", ADMIN).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> "CAUGHT_UP".equals(
                json.readTree(api.get(replay + "/status", ADMIN).body()).get("state").asText()));
        awaitTeamBoardsMatchReplay(scenario.hunt);
        assertThat(jdbc.sql("SELECT count(*) FROM lb_team_member WHERE hunt_id = ?").param(scenario.hunt.value())
                .query(Long.class).single()).isEqualTo(5L * 3);
    }
}
