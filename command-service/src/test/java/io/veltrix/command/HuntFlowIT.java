package io.veltrix.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole command-side flow over HTTP (docs/design.md §3), with the status codes and bodies it promises. */
class HuntFlowIT extends CommandServiceIT {

    @Test
    void aHuntIsCreatedPlayedAndCorrected() {
        String hunt = createHunt("{\"name\":\"Old Town\",\"maxWrongAttempts\":3,\"lockoutWindowSeconds\":60,\"firstFinderBonus\":5}");
        String fountain = addClue(hunt, "Fountain", List.of("Neptune", "Poseidon"), 100, "Look at the trident", 20);
        String clock = addClue(hunt, "Clock", List.of("  Half   PAST  nine "), 50, null, 0);

        Answer earlyRegistration = post("/api/hunts/" + hunt + "/players", "{\"handle\":\"early\"}", null);
        assertThat(earlyRegistration.status()).isEqualTo(409);
        assertThat(earlyRegistration.contentType()).startsWith("application/problem+json");

        transition(hunt, "publish");
        Answer lateClue = post("/api/hunts/" + hunt + "/clues",
                "{\"title\":\"Late\",\"riddle\":\"r\",\"answers\":[\"x\"],\"points\":1}", ORGANIZER);
        assertThat(lateClue.status()).isEqualTo(409);

        JsonNode alice = register(hunt, "Alice");
        assertThat(alice.get("playerId").asText()).isNotBlank();
        assertThat(alice.get("token").asText()).startsWith("vxp_");
        String token = alice.get("token").asText();

        Answer notRunning = find(hunt, token, fountain, "neptune");
        assertThat(notRunning.status()).isEqualTo(409);

        transition(hunt, "start");

        Answer found = find(hunt, token, fountain, "  NEPTUNE ");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("outcome").asText()).isEqualTo("FOUND");
        assertThat(found.json().get("points").asInt()).isEqualTo(100);

        Answer again = find(hunt, token, fountain, "poseidon");
        assertThat(again.json().get("outcome").asText()).isEqualTo("ALREADY_FOUND");
        assertThat(again.json().get("points").asInt()).isZero();

        Answer normalized = find(hunt, token, clock, "half past\tNINE");
        assertThat(normalized.json().get("outcome").asText()).isEqualTo("FOUND");

        Answer hint = post("/api/hunts/" + hunt + "/hints/" + fountain, null, bearer(token));
        assertThat(hint.status()).isEqualTo(200);
        assertThat(hint.json().get("hint").asText()).isEqualTo("Look at the trident");
        assertThat(hint.json().get("penalty").asInt()).isEqualTo(20);
        Answer secondHint = post("/api/hunts/" + hunt + "/hints/" + fountain, null, bearer(token));
        assertThat(secondHint.json().get("penalty").asInt()).isZero();

        String alicePath = "/api/hunts/" + hunt + "/players/" + alice.get("playerId").asText();
        assertThat(post(alicePath + "/adjustments", "{\"points\":-15,\"reason\":\"pushed a rival\"}", ORGANIZER)
                .status()).isEqualTo(200);
        assertThat(post(alicePath + "/disqualify", "{\"reason\":\"cheating\"}", ORGANIZER).status()).isEqualTo(200);
        assertThat(post(alicePath + "/disqualify", "{\"reason\":\"twice\"}", ORGANIZER).status()).isEqualTo(409);
        // the disqualification revoked the token too: refused as disqualified, or (once every
        // instance has forgotten it, within a second) as unknown
        assertThat(find(hunt, token, clock, "x").status()).isIn(401, 409);
        assertThat(post(alicePath + "/reinstate", null, ORGANIZER).status()).isEqualTo(200);

        assertThat(post("/api/hunts/" + hunt + "/freeze", null, ORGANIZER).status()).isEqualTo(200);
        assertThat(post("/api/hunts/" + hunt + "/freeze", null, ORGANIZER).status()).isEqualTo(409);
        transition(hunt, "end");
        assertThat(post("/api/hunts/" + hunt + "/start", null, ORGANIZER).status()).isEqualTo(409);
        assertThat(post("/api/hunts/" + hunt + "/players", "{\"handle\":\"latecomer\"}", null).status()).isEqualTo(409);

        List<String> types = jdbc.sql("""
                        SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number
                        """)
                .param(alice.get("playerId").asText()).query(String.class).list();
        assertThat(types).containsExactly(
                "io.veltrix.api.player.PlayerRegistered", "io.veltrix.api.find.ClueFound",
                "io.veltrix.api.find.ClueFindRepeated", "io.veltrix.api.find.ClueFound",
                "io.veltrix.api.find.HintTaken", "io.veltrix.api.player.ScoreAdjusted",
                "io.veltrix.api.player.PlayerDisqualified", "io.veltrix.api.player.PlayerTokenRevoked",
                "io.veltrix.api.player.PlayerReinstated");
    }
}
