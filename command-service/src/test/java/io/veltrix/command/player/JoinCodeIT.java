package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.command.CommandServiceIT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Join codes: only registrations that present the hunt's code get in, and the code is kept nowhere in clear. */
class JoinCodeIT extends CommandServiceIT {

    private String huntWithCode(String code) {
        String hunt = createHunt(json(Map.of("name", "Members only", "joinCode", code)));
        addClue(hunt, "Only", List.of("yes"), 10, null, 0);
        transition(hunt, "publish");
        return hunt;
    }

    private long registeredEvents(String hunt) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE payload_type = 'io.veltrix.api.player.PlayerRegistered'
                          AND position(convert_to(?, 'UTF8') in payload) > 0""")
                .param(hunt).query(Long.class).single();
    }

    @Test
    void aHuntWithAJoinCodeRegistersOnlyThoseWhoPresentIt() {
        String hunt = huntWithCode("Pirate Cove 42");
        String path = "/api/hunts/" + hunt + "/players";

        for (String body : List.of(json(Map.of("handle", "gatecrasher")),
                json(Map.of("handle", "gatecrasher", "joinCode", "Pirate Cove 43")),
                json(Map.of("handle", "gatecrasher", "joinCode", "")))) {
            var refused = post(path, body, null);
            assertThat(refused.status()).as(body).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).endsWith("/wrong-join-code");
        }
        assertThat(registeredEvents(hunt)).isZero();

        // typed as players type it: case, width and spacing do not matter
        var joined = post(path, json(Map.of("handle", "invited", "joinCode", "  PIRATE   cove 42 ")), null);
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.json().get("token").asText()).startsWith("vxp_");
        assertThat(registeredEvents(hunt)).isEqualTo(1);
    }

    @Test
    void theOrganizerReplacesALeakedCodeOrRemovesIt() {
        String hunt = huntWithCode("first code");
        String path = "/api/hunts/" + hunt + "/players";
        String player = register(hunt, "early-bird", "first code").get("token").asText();
        // a player cannot change it
        assertThat(post("/api/hunts/" + hunt + "/join-code", json(Map.of("joinCode", "mine now")), bearer(player))
                .status()).isEqualTo(403);

        var replaced = post("/api/hunts/" + hunt + "/join-code", json(Map.of("joinCode", "second code")), ORGANIZER);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.raw().body()).doesNotContain("second");
        assertThat(post(path, json(Map.of("handle", "late-leaker", "joinCode", "first code")), null).status())
                .isEqualTo(403);
        assertThat(register(hunt, "late-invitee", "second code").get("token")).isNotNull();

        assertThat(post("/api/hunts/" + hunt + "/join-code", "{\"joinCode\":null}", ORGANIZER).status()).isEqualTo(200);
        assertThat(post(path, json(Map.of("handle", "walk-in")), null).status()).isEqualTo(201);
    }

    private JsonNode register(String hunt, String handle, String joinCode) {
        var registered = post("/api/hunts/" + hunt + "/players", json(Map.of("handle", handle, "joinCode", joinCode)), null);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return registered.json();
    }

    @Test
    void aHuntWithoutAJoinCodeTakesEveryoneAsBefore() {
        String hunt = createHunt("{\"name\":\"Open to all\"}");
        addClue(hunt, "Only", List.of("yes"), 10, null, 0);
        transition(hunt, "publish");
        assertThat(post("/api/hunts/" + hunt + "/players", "{\"handle\":\"walk-in\"}", null).status()).isEqualTo(201);
        assertThat(post("/api/hunts/" + hunt + "/players", "{\"handle\":\"eager\",\"joinCode\":\"anything\"}", null)
                .status()).isEqualTo(201);
    }

    @Test
    void theJoinCodeIsKeptNowhereInClear() {
        String code = "Lantern-" + UUID.randomUUID().toString().substring(0, 6);
        var created = post("/api/hunts", json(Map.of("name", "Secretive", "joinCode", code)), ORGANIZER,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContainIgnoringCase(code);
        String hunt = created.json().get("huntId").asText();

        for (String form : List.of(code, code.toLowerCase())) {
            long found = jdbc.sql("""
                            SELECT (SELECT count(*) FROM domain_event_entry WHERE position(convert_to(:code, 'UTF8') in payload) > 0
                                                                               OR position(convert_to(:code, 'UTF8') in meta_data) > 0)
                                 + (SELECT count(*) FROM hunt_state WHERE join_code_hash LIKE '%' || :code || '%')
                                 + (SELECT count(*) FROM idempotency_record WHERE body LIKE '%' || :code || '%'
                                                                              OR fingerprint LIKE '%' || :code || '%')""")
                    .param("code", form).query(Long.class).single();
            assertThat(found).as(form).isZero();
        }
        String payload = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type = 'io.veltrix.api.hunt.HuntCreated'""")
                .param(hunt).query(String.class).single();
        assertThat(payload).contains("\"joinCodeHash\":\"").doesNotContain("\"joinCodeHash\":null");
    }

    @Test
    void aJoinCodeOfFewerThanFourCharactersIsRefused() {
        var refused = post("/api/hunts", json(Map.of("name", "Tiny code", "joinCode", " a b ")), ORGANIZER);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asText()).endsWith("/invalid-join-code");
    }

    @Test
    void aHuntCreatedBeforeJoinCodesStillLoads() {
        // what the command side wrote before join codes: HuntCreated revision 1, no joinCodeHash
        String hunt = UUID.randomUUID().toString();
        byte[] v1 = ("{\"endsAt\":null,\"firstFinderBonus\":0,\"huntId\":\"" + hunt + "\",\"lockoutWindowSeconds\":60,"
                + "\"maxPlayers\":null,\"maxWrongAttempts\":5,\"name\":\"Vintage\",\"organizer\":\"org\",\"startsAt\":null}")
                .getBytes(StandardCharsets.UTF_8);
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:id, :hunt, 0, 'Hunt', :at, :type, '1', :payload, :meta)""")
                .param("id", UUID.randomUUID().toString()).param("hunt", hunt)
                .param("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .param("type", HuntCreated.class.getName()).param("payload", v1)
                .param("meta", ("{\"hash\":\"" + HashChain.next("", v1) + "\"}").getBytes(StandardCharsets.UTF_8))
                .update();
        // and its creator owns it, as the schema migration that introduced owners recorded for old hunts
        jdbc.sql("INSERT INTO hunt_organizer (hunt_id, username) VALUES (?, 'org')").param(hunt).update();

        // the aggregate is sourced from the v1 event and decides as before
        addClue(hunt, "Old clue", List.of("yes"), 10, null, 0);
        assertThat(post("/api/hunts/" + hunt + "/start", null, ORGANIZER).status()).isEqualTo(409);
    }
}
