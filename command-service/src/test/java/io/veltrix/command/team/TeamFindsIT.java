package io.veltrix.command.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.command.CommandServiceIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finds, hints, lockouts and corrections of teams over HTTP: a team plays as one. */
class TeamFindsIT extends CommandServiceIT {

    private record Team(String id, String code, JsonNode captain) {
    }

    private Team team(String hunt, String name) {
        JsonNode created = post("/api/hunts/" + hunt + "/teams", json(Map.of("name", name, "handle", unique("cap"))),
                null).json();
        return new Team(created.get("teamId").asText(), created.get("joinCode").asText(), created);
    }

    private JsonNode member(String hunt, Team team) {
        Answer joined = post("/api/hunts/" + hunt + "/teams/" + team.id() + "/members",
                json(Map.of("handle", unique("m"), "joinCode", team.code())), null);
        assertThat(joined.status()).isEqualTo(201);
        return joined.json();
    }

    private static String token(JsonNode player) {
        return player.get("token").asText();
    }

    private long teamEvents(String teamId, String type) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?")
                .params(teamId, "io.veltrix.api.team." + type).query(Long.class).single();
    }

    @Test
    void aTeamFindsAClueOnceTakesAHintOnceAndIsLockedOutTogether() {
        String hunt = createHunt("{\"name\":\"Team finds\",\"teamSize\":3,\"maxWrongAttempts\":2}");
        String fountain = addClue(hunt, "Fountain", List.of("trident"), 100, "look down", 7);
        String clock = addClue(hunt, "Clock", List.of("nine"), 50, null, 0);
        transition(hunt, "publish");
        Team owls = team(hunt, unique("Owls"));
        JsonNode bob = member(hunt, owls);
        transition(hunt, "start");
        String ann = token(owls.captain());

        Answer found = find(hunt, token(bob), fountain, "Trident");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("outcome").asText()).isEqualTo("FOUND");
        Answer again = find(hunt, ann, fountain, "trident");
        assertThat(again.json().get("outcome").asText()).isEqualTo("ALREADY_FOUND");
        assertThat(again.json().get("points").asInt()).isZero();
        assertThat(teamEvents(owls.id(), "TeamClueFound")).isEqualTo(1);

        Answer hint = post("/api/hunts/" + hunt + "/hints/" + fountain, null, bearer(ann));
        assertThat(hint.json().get("penalty").asInt()).isEqualTo(7);
        Answer secondHint = post("/api/hunts/" + hunt + "/hints/" + fountain, null, bearer(token(bob)));
        assertThat(secondHint.json().get("penalty").asInt()).isZero();
        assertThat(secondHint.json().get("hint").asText()).isEqualTo("look down");

        assertThat(find(hunt, ann, clock, "ten").json().get("outcome").asText()).isEqualTo("WRONG");
        assertThat(find(hunt, token(bob), clock, "eleven").json().get("outcome").asText()).isEqualTo("WRONG");
        Answer locked = find(hunt, ann, clock, "nine");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(teamEvents(owls.id(), "TeamClueFindRefused")).isEqualTo(1);
        // nothing went to the members' own streams but their registrations
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(bob.get("playerId").asText()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRemovedOrDisqualifiedMemberAndADisqualifiedTeamSubmitNothing() {
        String hunt = createHunt("{\"name\":\"Team corrections\",\"teamSize\":4}");
        String clue = addClue(hunt, "Fountain", List.of("trident"), 100, null, 0);
        transition(hunt, "publish");
        Team owls = team(hunt, unique("Owls"));
        JsonNode bob = member(hunt, owls);
        JsonNode carol = member(hunt, owls);
        JsonNode dave = member(hunt, owls);
        // carol's token is known (and remembered) as a member's before she is removed, dave's only after
        assertThat(find(hunt, token(carol), clue, "trident").status()).isEqualTo(409);
        for (JsonNode removed : List.of(carol, dave)) {
            assertThat(post("/api/hunts/" + hunt + "/teams/" + owls.id() + "/members/" + removed.get("playerId").asText()
                    + "/remove", null, bearer(token(owls.captain()))).status()).isEqualTo(200);
        }
        transition(hunt, "start");

        Answer removedKnown = find(hunt, token(carol), clue, "trident");
        assertThat(removedKnown.status()).isEqualTo(403);
        assertThat(removedKnown.json().get("type").asText()).endsWith("not-a-member");
        Answer removedUnknown = find(hunt, token(dave), clue, "trident");
        assertThat(removedUnknown.status()).isEqualTo(403);
        assertThat(removedUnknown.json().get("type").asText()).endsWith("not-in-team");

        String players = "/api/hunts/" + hunt + "/players/" + bob.get("playerId").asText();
        assertThat(post(players + "/disqualify", "{\"reason\":\"phone sharing\"}", ORGANIZER).status()).isEqualTo(200);
        // the disqualification revoked bob's token too: refused as disqualified, or (once every
        // instance has forgotten the token, within a second) as unknown
        Answer disqualifiedMember = find(hunt, token(bob), clue, "trident");
        assertThat(disqualifiedMember.status()).isIn(401, 409);
        if (disqualifiedMember.status() == 409) {
            assertThat(disqualifiedMember.json().get("type").asText()).endsWith("player-disqualified");
        }
        assertThat(post(players + "/reinstate", null, ORGANIZER).status()).isEqualTo(200);
        // reinstated, bob plays on with the token the organizer issues him
        Answer issued = post(players + "/tokens/revoke", "{\"reason\":\"reinstated\"}", ORGANIZER);
        assertThat(issued.status()).isEqualTo(200);
        String bobs = issued.json().get("token").asText();
        Answer memberAdjusted = post(players + "/adjustments", "{\"points\":5,\"reason\":\"photo\"}", ORGANIZER);
        assertThat(memberAdjusted.status()).isEqualTo(409);
        assertThat(memberAdjusted.json().get("type").asText()).endsWith("team-hunt");

        String teamPath = "/api/hunts/" + hunt + "/teams/" + owls.id();
        assertThat(post(teamPath + "/disqualify", "{\"reason\":\"shared answers\"}", ORGANIZER).status()).isEqualTo(200);
        Answer disqualifiedTeam = find(hunt, bobs, clue, "trident");
        assertThat(disqualifiedTeam.status()).isEqualTo(409);
        assertThat(disqualifiedTeam.json().get("type").asText()).endsWith("team-disqualified");
        assertThat(post(teamPath + "/reinstate", null, ORGANIZER).status()).isEqualTo(200);
        assertThat(find(hunt, bobs, clue, "trident").json().get("outcome").asText()).isEqualTo("FOUND");
        assertThat(post(teamPath + "/adjustments", "{\"points\":-15,\"reason\":\"late\"}", ORGANIZER).status())
                .isEqualTo(200);
        assertThat(teamEvents(owls.id(), "TeamScoreAdjusted")).isEqualTo(1);
        // a team is corrected only through its own hunt
        String elsewhere = createHunt("{\"name\":\"Elsewhere\",\"teamSize\":2}");
        assertThat(post("/api/hunts/" + elsewhere + "/teams/" + owls.id() + "/adjustments",
                "{\"points\":5,\"reason\":\"x\"}", ORGANIZER).status()).isEqualTo(404);
    }

    @Test
    void aTeamsMembersShareOneRateLimit() {
        String hunt = createHunt("{\"name\":\"Team rate\",\"teamSize\":2,\"maxWrongAttempts\":100}");
        String clue = addClue(hunt, "Fountain", List.of("trident"), 100, null, 0);
        transition(hunt, "publish");
        Team owls = team(hunt, unique("Owls"));
        JsonNode bob = member(hunt, owls);
        transition(hunt, "start");
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            String token = i % 2 == 0 ? token(bob) : token(owls.captain());
            if (find(hunt, token, clue, "wrong-" + i).status() == 429) {
                limited++;
            }
        }
        // a burst of 20 for the team, not 20 for each of its two members
        assertThat(limited).isGreaterThanOrEqualTo(8);
    }
}
