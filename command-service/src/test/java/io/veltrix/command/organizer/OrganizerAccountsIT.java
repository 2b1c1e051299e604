package io.veltrix.command.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.command.CommandServiceIT;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Organizer accounts over real HTTP: opened by an admin, logging in, owning the hunts they create,
 * refused (403) on every other organizer's hunt, admitted once added as co-organizers, and named
 * as the acting account in every event of what they did.
 */
class OrganizerAccountsIT extends CommandServiceIT {

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** The payloads of a stream's events, in order, as stored. */
    private List<JsonNode> stream(String aggregateId) {
        return jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number""")
                .param(aggregateId).query(String.class).list().stream().map(OrganizerAccountsIT::parse).toList();
    }

    private List<String> types(String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer open(String username, String password) {
        return post("/api/admin/organizers", json(Map.of("username", username, "password", password)), ADMIN);
    }

    @Test
    void anAdminOpensAnAccountThatLogsInAndKeepsOnlyAHashOfItsPassword() {
        String name = unique("alice");
        Answer opened = open(name, STRONG_PASSWORD);

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().get("username").asText()).isEqualTo(name);
        assertThat(opened.json().size()).as("the answer holds the name only").isEqualTo(1);
        String stored = jdbc.sql("SELECT password_hash FROM organizer_account WHERE username = ?")
                .param(name).query(String.class).single();
        assertThat(stored).startsWith("$2a$").doesNotContain(STRONG_PASSWORD);
        JsonNode created = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE payload_type = 'io.veltrix.api.organizer.OrganizerAccountCreated'
                          AND convert_from(payload, 'UTF8')::jsonb ->> 'username' = ?""")
                .param(name).query(String.class).list().stream().map(OrganizerAccountsIT::parse).findFirst().orElseThrow();
        assertThat(created.get("by").asText()).isEqualTo("adm");
        assertThat(created.get("passwordHash").asText()).isEqualTo(stored);
        assertThat(created.toString()).doesNotContain(STRONG_PASSWORD);

        String organizer = basic(name, STRONG_PASSWORD);
        Answer hunt = post("/api/hunts", "{\"name\":\"Alice's hunt\"}", organizer);
        assertThat(hunt.status()).isEqualTo(201);
        assertThat(stream(hunt.json().get("huntId").asText()).get(0).get("organizer").asText()).isEqualTo(name);
        assertThat(post("/api/hunts", "{\"name\":\"wrong password\"}", basic(name, STRONG_PASSWORD + "x")).status())
                .isEqualTo(401);
    }

    @Test
    void aNameAlreadyTakenOrOfAConfiguredAccountOrTheClockIsRefusedWith409AndWritesNothing() {
        String name = unique("bob");
        assertThat(open(name, STRONG_PASSWORD).status()).isEqualTo(201);
        long before = events();

        for (String taken : List.of(name, "org", "adm", "aud", "scheduler", "anonymous")) {
            Answer again = open(taken, STRONG_PASSWORD);
            assertThat(again.status()).as(taken).isEqualTo(409);
            assertThat(again.contentType()).startsWith("application/problem+json");
        }
        assertThat(events()).isEqualTo(before);
        // the configured organizer keeps its name: its password still logs in as it did
        assertThat(post("/api/hunts", "{\"name\":\"still mine\"}", ORGANIZER).status()).isEqualTo(201);
    }

    @Test
    void weakPasswordsAndMalformedNamesAreRefusedWith400AndWriteNothing() {
        long before = events();
        Map<String, String> refused = Map.of(
                unique("carol"), "short-1A",
                unique("dave"), "Password123!",
                unique("erin"), "organizer-2026",
                unique("frank"), "aaaabbbbaaaabbbb",
                unique("gina"), "qwertyuiopasdf",
                unique("hank"), "x".repeat(40) + "ÿ".repeat(20),
                "Upper-Case", STRONG_PASSWORD,
                "a:b", STRONG_PASSWORD,
                "no", STRONG_PASSWORD);
        refused.forEach((name, password) -> {
            Answer answer = open(name, password);
            assertThat(answer.status()).as(name + " / " + password).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.raw().body()).doesNotContain(password);
        });
        String self = unique("ivan");
        assertThat(open(self, self).status()).as("the user name as password").isEqualTo(400);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anOrganizerGets403OnEveryStaffEndpointOfAHuntItDoesNotOrganize() {
        String mallory = openOrganizerAccount(unique("mallory"));
        String hunt = createHunt("{\"name\":\"Not Mallory's\"}");
        addClue(hunt, "Clue", List.of("a"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        String player = register(hunt, unique("p")).get("playerId").asText();
        String draft = createHunt("{\"name\":\"Not Mallory's draft\"}");
        long before = events();

        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("/api/hunts/" + draft + "/clues",
                "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":5}");
        requests.put("/api/hunts/" + draft + "/publish", null);
        requests.put("/api/hunts/" + hunt + "/start", null);
        requests.put("/api/hunts/" + hunt + "/freeze", null);
        requests.put("/api/hunts/" + hunt + "/end", null);
        requests.put("/api/hunts/" + hunt + "/join-code", "{\"joinCode\":\"mallory's own code\"}");
        requests.put("/api/hunts/" + hunt + "/players/" + player + "/disqualify", "{\"reason\":\"mine now\"}");
        requests.put("/api/hunts/" + hunt + "/players/" + player + "/reinstate", null);
        requests.put("/api/hunts/" + hunt + "/players/" + player + "/adjustments", "{\"points\":-5,\"reason\":\"x\"}");
        requests.put("/api/hunts/" + hunt + "/organizers", "{\"username\":\"org\"}");
        requests.put("/api/hunts/no-such-hunt/publish", null);
        requests.forEach((path, body) -> {
            Answer answer = post(path, body, mallory);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(events()).as("nothing written for a refused organizer").isEqualTo(before);

        // the configured organizer is an organizer like the others: a hunt it did not create is not its own
        String malloryHunt = post("/api/hunts", "{\"name\":\"Mallory's\"}", mallory).json().get("huntId").asText();
        assertThat(post("/api/hunts/" + malloryHunt + "/end", null, ORGANIZER).status()).isEqualTo(403);
    }

    @Test
    void aCoOrganizerAddedByTheHuntsOrganizerRunsItAndEveryEventNamesWhoActed() {
        String trentName = unique("trent");
        String trent = openOrganizerAccount(trentName);
        String hunt = createHunt("{\"name\":\"Shared\"}");
        assertThat(post("/api/hunts/" + hunt + "/publish", null, trent).status()).isEqualTo(403);

        Answer added = post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", trentName)), ORGANIZER);
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("username").asText()).isEqualTo(trentName);
        // adding again is answered the same and records nothing new
        long before = events();
        assertThat(post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", trentName)), ORGANIZER).status())
                .isEqualTo(200);
        assertThat(events()).isEqualTo(before);
        for (String notAnOrganizer : List.of("nobody-here", "aud", "adm")) {
            Answer unknown = post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", notAnOrganizer)), ORGANIZER);
            assertThat(unknown.status()).as(notAnOrganizer).isEqualTo(404);
        }

        Answer clue = post("/api/hunts/" + hunt + "/clues",
                "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":5}", trent);
        assertThat(clue.status()).isEqualTo(201);
        assertThat(post("/api/hunts/" + hunt + "/publish", null, trent).status()).isEqualTo(200);
        assertThat(post("/api/hunts/" + hunt + "/start", null, ORGANIZER).status()).isEqualTo(200);
        String player = register(hunt, unique("p")).get("playerId").asText();
        assertThat(post("/api/hunts/" + hunt + "/players/" + player + "/adjustments",
                "{\"points\":3,\"reason\":\"bonus\"}", trent).status()).isEqualTo(200);
        assertThat(post("/api/hunts/" + hunt + "/freeze", null, ADMIN).status()).as("the admin runs any hunt")
                .isEqualTo(200);
        assertThat(post("/api/hunts/" + hunt + "/end", null, trent).status()).isEqualTo(200);

        List<String> types = types(hunt).stream().map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
        assertThat(types).containsExactly("HuntCreated", "HuntOrganizerAdded", "ClueAdded", "HuntPublished",
                "HuntStarted", "ScoreboardFrozen", "HuntEnded");
        List<String> actors = stream(hunt).stream()
                .map(e -> e.has("organizer") ? e.get("organizer").asText() : e.get("by").asText()).toList();
        assertThat(actors).containsExactly("org", "org", trentName, trentName, "org", "adm", trentName);
        assertThat(stream(hunt).get(1).get("username").asText()).isEqualTo(trentName);
        JsonNode adjustment = stream(player).get(1);
        assertThat(adjustment.get("organizer").asText()).isEqualTo(trentName);
    }
}
