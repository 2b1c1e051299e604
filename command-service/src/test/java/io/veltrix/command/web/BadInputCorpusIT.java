package io.veltrix.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import io.veltrix.testsupport.BadInputs;
import io.veltrix.testsupport.BadInputs.Case;
import io.veltrix.testsupport.HttpProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of hostile requests over every endpoint of the command service (malformed and huge
 * bodies, every field given every hostile value, ids that are none, wrong content types, oversized
 * headers), each answered without a 5xx, every 4xx as problem+json and with no event written.
 */
class BadInputCorpusIT extends CommandServiceIT {

    /** An endpoint as the corpus sends it: a path template, who calls it and a body it accepts. */
    /** An endpoint; {@code username} fills a {@code {username}} in its template (an account's name). */
    private record Endpoint(String template, String authorization, Map<String, String> validBody, String username) {

        Endpoint(String template, String authorization, Map<String, String> validBody) {
            this(template, authorization, validBody, null);
        }

        String path(String huntId, String clueId, String playerId) {
            return path(huntId, clueId, playerId, username);
        }

        String path(String huntId, String clueId, String playerId, String name) {
            String path = template.replace("{huntId}", huntId).replace("{clueId}", clueId).replace("{playerId}", playerId);
            return name == null ? path : path.replace("{username}", name);
        }
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    @Test
    void noHostileRequestGetsA5xxAnAnswerOtherThanAProblemOrWritesOnRefusal() {
        String draft = createHunt("{\"name\":\"Corpus draft\"}");
        // no wrong-answer lockout within reach (it records its refusals: a 429 that writes), the rate limit stays
        String hunt = createHunt("{\"name\":\"Corpus\",\"maxWrongAttempts\":100,\"lockoutWindowSeconds\":1}");
        String clue = addClue(hunt, "Clue", List.of("a"), 10, "hint", 1);
        transition(hunt, "publish");
        transition(hunt, "start");
        String player = bearer(register(hunt, unique("corpus")).get("token").asText());
        String target = register(hunt, unique("target")).get("playerId").asText();
        String coOrganizer = unique("corpus-co");
        openOrganizerAccount(coOrganizer);
        String teamHunt = createHunt("{\"name\":\"Corpus teams\",\"teamSize\":50}");
        addClue(teamHunt, "Clue", List.of("a"), 10, null, 0);
        transition(teamHunt, "publish");
        var team = post("/api/hunts/" + teamHunt + "/teams",
                "{\"name\":\"" + unique("corpus") + "\",\"handle\":\"" + unique("captain") + "\"}", null).json();
        String teamPath = "/api/hunts/" + teamHunt + "/teams/" + team.get("teamId").asText();
        String member = post(teamPath + "/members", "{\"handle\":\"" + unique("member") + "\",\"joinCode\":\""
                + team.get("joinCode").asText() + "\"}", null).json().get("playerId").asText();
        String captain = bearer(team.get("token").asText());
        post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", coOrganizer)), ORGANIZER);
        // accounts of their own for the account endpoints, so that no other caller's login changes
        String managed = unique("corpus-managed");
        openOrganizerAccount(managed);
        String self = openOrganizerAccount(unique("corpus-self"));

        List<Endpoint> endpoints = List.of(
                new Endpoint("/api/hunts", ORGANIZER, fields("name", "\"Corpus hunt\"",
                        "startsAt", "\"2030-01-01T00:00:00Z\"", "endsAt", "\"2030-01-02T00:00:00Z\"", "maxPlayers", "10",
                        "firstFinderBonus", "5", "maxWrongAttempts", "5", "lockoutWindowSeconds", "60",
                        "joinCode", "\"corpus-code\"", "teamSize", "4", "maxTeams", "3")),
                new Endpoint("/api/hunts/{huntId}/clues", ORGANIZER, fields("title", "\"t\"", "riddle", "\"r\"",
                        "answers", "[\"a\"]", "points", "5", "hint", "\"h\"", "hintPenalty", "1")),
                // edits go to the running hunt: refused there (409) after their input is checked, so nothing changes
                new Endpoint("/api/hunts/{huntId}/edit", ORGANIZER, fields("name", "\"Corpus edit\"",
                        "startsAt", "\"2030-01-01T00:00:00Z\"", "endsAt", "\"2030-01-02T00:00:00Z\"", "maxPlayers", "10",
                        "firstFinderBonus", "5", "maxWrongAttempts", "5", "lockoutWindowSeconds", "60")),
                new Endpoint("/api/hunts/{huntId}/clues/{clueId}/edit", ORGANIZER, fields("title", "\"t\"",
                        "riddle", "\"r\"", "answers", "[\"a\"]", "points", "5", "hint", "\"h\"", "hintPenalty", "1")),
                new Endpoint("/api/hunts/{huntId}/clues/{clueId}/remove", ORGANIZER, Map.of()),
                new Endpoint("/api/hunts/{huntId}/join-code", ORGANIZER, fields("joinCode", "\"corpus-code\"")),
                new Endpoint("/api/hunts/{huntId}/freeze", ORGANIZER, fields("at", "\"2030-01-01T00:00:00Z\"")),
                new Endpoint("/api/hunts/{huntId}/players", null, fields("handle", "\"corpus-handle\"",
                        "joinCode", "null")),
                new Endpoint("/api/hunts/{huntId}/finds", player, fields("clueId", "\"" + clue + "\"", "answer", "\"b\"")),
                new Endpoint("/api/hunts/{huntId}/teams", null, fields("name", "\"corpus-team\"",
                        "handle", "\"corpus-captain\"", "joinCode", "null")),
                new Endpoint(teamPath + "/members", null, fields("handle", "\"corpus-member\"",
                        "joinCode", "\"" + team.get("joinCode").asText() + "\"")),
                new Endpoint(teamPath + "/members/{playerId}/remove", captain, Map.of()),
                new Endpoint(teamPath + "/disqualify", ORGANIZER, fields("reason", "\"r\"")),
                new Endpoint(teamPath + "/adjustments", ORGANIZER, fields("points", "1", "reason", "\"r\"")),
                new Endpoint(teamPath + "/reinstate", ORGANIZER, Map.of()),
                new Endpoint("/api/hunts/{huntId}/players/{playerId}/disqualify", ORGANIZER, fields("reason", "\"r\"")),
                new Endpoint("/api/hunts/{huntId}/players/{playerId}/tokens/revoke", ORGANIZER, fields("reason", "\"r\"")),
                new Endpoint("/api/hunts/{huntId}/players/{playerId}/adjustments", ORGANIZER,
                        fields("points", "1", "reason", "\"r\"")),
                new Endpoint("/api/hunts/{huntId}/publish", ORGANIZER, Map.of()),
                new Endpoint("/api/hunts/{huntId}/start", ORGANIZER, Map.of()),
                new Endpoint("/api/hunts/{huntId}/end", ORGANIZER, Map.of()),
                new Endpoint("/api/hunts/{huntId}/players/{playerId}/reinstate", ORGANIZER, Map.of()),
                new Endpoint("/api/hunts/{huntId}/hints/{clueId}", player, Map.of()),
                new Endpoint("/api/hunts/{huntId}/organizers", ORGANIZER, fields("username", "\"" + coOrganizer + "\"")),
                new Endpoint("/api/admin/organizers", ADMIN, fields("username", "\"" + unique("corpus") + "\"",
                        "password", "\"" + STRONG_PASSWORD + "\"")),
                new Endpoint("/api/hunts/{huntId}/organizers/{username}/remove", ORGANIZER, Map.of(), coOrganizer),
                new Endpoint("/api/admin/organizers/{username}/disable", ADMIN, Map.of(), managed),
                new Endpoint("/api/admin/organizers/{username}/enable", ADMIN, Map.of(), managed),
                new Endpoint("/api/admin/organizers/{username}/password", ADMIN,
                        fields("password", "\"" + STRONG_PASSWORD + "\""), managed),
                // never the right current password: no case may change the caller's own, whose failed
                // logins would then lock this address out of every later test's staff logins
                new Endpoint("/api/organizers/me/password", self, fields("currentPassword", "\"not the current one\"",
                        "newPassword", "\"" + STRONG_PASSWORD + "\"")));

        List<Case> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            // clues go to the draft (the only state taking them); nothing sent here may end the running hunt
            String huntId = endpoint.template().endsWith("/clues") || endpoint.template().endsWith("/end") ? draft
                    : endpoint.template().endsWith("/teams") ? teamHunt : hunt;
            String path = endpoint.path(huntId, clue, endpoint.template().endsWith("/remove") ? member : target);
            String auth = endpoint.authorization();
            if (!endpoint.template().endsWith("/end")) {
                for (String body : BadInputs.MALFORMED_BODIES) {
                    cases.add(Case.of("POST", path, body, headers(auth)));
                }
            }
            if (!endpoint.validBody().isEmpty()) {
                cases.add(Case.of("POST", path, null, headers(auth)));
                for (String body : BadInputs.variants(endpoint.validBody())) {
                    cases.add(Case.of("POST", path, body, headers(auth)));
                }
                String valid = BadInputs.object(endpoint.validBody());
                for (String contentType : BadInputs.WRONG_CONTENT_TYPES) {
                    cases.add(Case.of("POST", path, valid, headers(auth, "Content-Type", contentType)));
                }
                cases.add(Case.of("POST", path, "handle=x&clueId=y", headers(auth,
                        "Content-Type", "application/x-www-form-urlencoded")));
            }
            String valid = endpoint.validBody().isEmpty() ? null : BadInputs.object(endpoint.validBody());
            for (String id : BadInputs.HOSTILE_IDS) {
                cases.add(Case.of("POST", endpoint.path(id, clue, target), valid, headers(auth)));
                if (endpoint.template().contains("{clueId}")) {
                    cases.add(Case.of("POST", endpoint.path(hunt, id, target), valid, headers(auth)));
                }
                if (endpoint.template().contains("{playerId}")) {
                    cases.add(Case.of("POST", endpoint.path(hunt, clue, id), valid, headers(auth)));
                }
                if (endpoint.template().contains("{username}")) {
                    cases.add(Case.of("POST", endpoint.path(hunt, clue, target, id), valid, headers(auth)));
                }
            }
            for (Map.Entry<String, String> header : BadInputs.HOSTILE_HEADERS.entrySet()) {
                String[] sent = header.getKey().equals("Authorization")
                        ? new String[] {header.getKey(), header.getValue()}
                        : headers(auth, header.getKey(), header.getValue());
                cases.add(Case.of("POST", path, valid, sent));
            }
        }
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            cases.add(Case.of(method, "/api/hunts/" + hunt + "/finds", "{}", headers(player)));
            cases.add(Case.of(method, "/api/hunts", "{}", headers(ORGANIZER)));
        }
        cases.add(Case.of("GET", "/api/hunts/" + hunt + "/nowhere", null));
        cases.add(Case.of("GET", "/error", null));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        List<String> failures = BadInputs.failures(new HttpProbe(port), cases, this::events);
        assertThat(failures).as("hostile requests answered with a 5xx, without problem+json, or writing on a 4xx ("
                + cases.size() + " sent)").isEmpty();
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String[] headers(String authorization, String... more) {
        List<String> headers = new ArrayList<>();
        if (authorization != null) {
            headers.add("Authorization");
            headers.add(authorization);
        }
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] != null) {
                headers.add(more[i]);
                headers.add(more[i + 1]);
            }
        }
        return headers.toArray(String[]::new);
    }
}
