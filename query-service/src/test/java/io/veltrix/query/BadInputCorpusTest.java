package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.player.PlayerId;
import io.veltrix.testsupport.BadInputs;
import io.veltrix.testsupport.BadInputs.Case;
import io.veltrix.testsupport.HttpProbe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of hostile requests over every endpoint of the query service (numbers and dates at
 * and past their boundaries in every query parameter, ids that are none, bodies and content types
 * the endpoints do not take, oversized headers), each answered without a 5xx, every 4xx as
 * problem+json, and none writing an event.
 */
class BadInputCorpusTest extends QueryTestBase {

    /** Query-parameter values, URL-encoded as sent: numbers past every boundary, words, broken escapes. */
    private static final List<String> PARAMETER_VALUES = List.of(
            "0", "-1", "2147483647", "-2147483648", "2147483648", "-2147483649", "9223372036854775808",
            "-9223372036854775809", "1e309", "NaN", "Infinity", "1.5", "0x10", "abc", "", "%00", "%E2%80%AE1",
            "%E2%80%8B1", "%ED%A0%80", "%FF", "9".repeat(400), "1,2", "%20", "true",
            "1970-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z", "2026-12-01");

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    @Test
    void noHostileRequestGetsA5xxAnAnswerOtherThanAProblemOrWrites() {
        HuntScenario scenario = HuntScenario.generate(300L, 2, 2, 10);
        scenario.appendTo(events, 50);
        PlayerId player = scenario.players.get(0);
        String hunt = scenario.hunt.value();
        String playerAuth = ApiClient.bearer(player)[1];
        String organizer = ApiClient.ORGANIZER[1];
        String auditor = ApiClient.AUDITOR[1];
        String admin = ApiClient.ADMIN[1];
        HttpProbe probe = new HttpProbe(port);
        await().atMost(PROJECTION_WAIT).until(() -> probe.send("GET", "/api/hunts/" + hunt + "/players/" + player.value(),
                null, "Authorization", playerAuth).status() == 200);

        List<Case> cases = new ArrayList<>();
        // every parameter given every value; the others left out
        Map<String, String> parameters = Map.of(
                "/api/hunts?limit=", organizer, "/api/hunts?offset=", organizer,
                "/api/hunts/" + hunt + "/leaderboard?limit=", organizer,
                "/api/hunts/" + hunt + "/leaderboard?offset=", playerAuth,
                "/api/hunts/" + hunt + "/leaderboard/stream?changes=", organizer,
                "/api/audit/hunts/" + hunt + "/events?afterIndex=", auditor,
                "/api/audit/hunts/" + hunt + "/events?limit=", auditor,
                "/api/audit/hunts/" + hunt + "/leaderboard?asOf=", auditor,
                "/api/hunts/" + hunt + "/checkpoints/", organizer);
        parameters = new HashMap<>(parameters);
        parameters.put("/api/hunts/" + hunt + "/leaderboard/stream?changes=true&moves=", organizer);
        parameters.put("/api/hunts/" + hunt + "/players?search=", organizer);
        parameters.put("/api/hunts/" + hunt + "/players?limit=", admin);
        parameters.put("/api/hunts/" + hunt + "/leaderboard/history?points=", playerAuth);
        parameters.forEach((prefix, auth) -> {
            for (String value : PARAMETER_VALUES) {
                cases.add(Case.of("GET", prefix + value, null, "Authorization", auth));
            }
        });
        // every id in every path
        Map<String, String> idPaths = Map.ofEntries(
                Map.entry("/api/hunts/{id}", organizer), Map.entry("/api/hunts/{id}/leaderboard", organizer),
                Map.entry("/api/hunts/{id}/leaderboard/stream", organizer),
                Map.entry("/api/hunts/{id}/leaderboard.csv", organizer),
                Map.entry("/api/hunts/{id}/players/" + player.value(), organizer),
                Map.entry("/api/hunts/" + hunt + "/players/{id}", organizer),
                Map.entry("/api/hunts/{id}/checkpoints", organizer),
                Map.entry("/api/audit/hunts/{id}/events", auditor),
                Map.entry("/api/audit/hunts/{id}/leaderboard", auditor),
                Map.entry("/api/audit/hunts/{id}/verify", auditor), Map.entry("/api/audit/hunts/{id}/export", auditor),
                Map.entry("/api/audit/hunts/{id}/checkpoints", auditor),
                Map.entry("/api/admin/projections/{id}/status", admin), Map.entry("/hunts/{id}", organizer),
                Map.entry("/api/hunts/{id}/players", organizer), Map.entry("/api/hunts/{id}/join-qr.svg", organizer),
                Map.entry("/hunts/{id}/poster", organizer), Map.entry("/api/hunts/{id}/leaderboard/history", organizer),
                Map.entry("/api/hunts/{id}/organizers", admin));
        idPaths.forEach((template, auth) -> {
            for (String id : BadInputs.HOSTILE_IDS) {
                cases.add(Case.of("GET", template.replace("{id}", id), null, "Authorization", auth));
            }
        });
        Map<String, String> posts = Map.of("/api/audit/hunts/{id}/checkpoints", auditor,
                "/api/admin/projections/{id}/replay", admin, "/api/admin/dead-letters/{id}/retry", admin);
        posts.forEach((template, auth) -> {
            for (String id : BadInputs.HOSTILE_IDS) {
                cases.add(Case.of("POST", template.replace("{id}", id), null, "Authorization", auth));
            }
        });
        // bodies and content types the endpoints do not read, sent where they take no body
        List<Map.Entry<String, String>> bodiless = List.of(
                Map.entry("/api/audit/hunts/" + hunt + "/checkpoints", auditor),
                Map.entry("/api/admin/projections/no-such/replay", admin),
                Map.entry("/api/admin/dead-letters/leaderboard/retry", admin));
        for (Map.Entry<String, String> endpoint : bodiless) {
            for (String body : BadInputs.MALFORMED_BODIES) {
                cases.add(Case.of("POST", endpoint.getKey(), body, "Authorization", endpoint.getValue()));
            }
            for (String contentType : BadInputs.WRONG_CONTENT_TYPES) {
                cases.add(Case.of("POST", endpoint.getKey(), "x", "Authorization", endpoint.getValue(),
                        "Content-Type", contentType));
            }
        }
        for (String path : List.of("/api/hunts", "/api/hunts/" + hunt + "/leaderboard",
                "/api/audit/hunts/" + hunt + "/verify", "/hunts/" + hunt)) {
            for (Map.Entry<String, String> header : BadInputs.HOSTILE_HEADERS.entrySet()) {
                cases.add(header.getKey().equals("Authorization")
                        ? Case.of("GET", path, null, header.getKey(), header.getValue())
                        : Case.of("GET", path, null, "Authorization", auditor, header.getKey(), header.getValue()));
            }
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            cases.add(Case.of(method, "/api/hunts/" + hunt + "/leaderboard", "{}", "Authorization", organizer));
        }
        cases.add(Case.of("GET", "/api/nowhere", null));
        cases.add(Case.of("GET", "/error", null));

        // a team's join QR code, the one endpoint here that reads a body: sent as a member, who gets past the door
        TeamHuntScenario teams = TeamHuntScenario.generate(301L, 1, 2, 1, 0);
        teams.appendTo(events, 50);
        String member = "Bearer " + TeamHuntScenario.token(teams.members.get(0).get(0));
        String teamHunt = teams.hunt.value();
        String team = teams.teams.get(0).value();
        String teamQr = "/api/hunts/" + teamHunt + "/teams/" + team + "/join-qr.svg";
        await().atMost(PROJECTION_WAIT).until(() -> probe.send("POST", teamQr, "{\"joinCode\":\"KX7P-QM2R\"}",
                "Authorization", member).status() == 200);
        List<String> teamCodeBodies = new ArrayList<>(BadInputs.MALFORMED_BODIES);
        teamCodeBodies.addAll(BadInputs.variants(Map.of("joinCode", "\"KX7P-QM2R\"")));
        for (String body : teamCodeBodies) {
            cases.add(Case.of("POST", teamQr, body, "Authorization", member));
        }
        for (String contentType : BadInputs.WRONG_CONTENT_TYPES) {
            cases.add(Case.of("POST", teamQr, "x", "Authorization", member, "Content-Type", contentType));
        }
        for (String id : BadInputs.HOSTILE_IDS) {
            cases.add(Case.of("POST", "/api/hunts/" + id + "/teams/" + team + "/join-qr.svg", "{\"joinCode\":\"KX7P\"}",
                    "Authorization", member));
            cases.add(Case.of("POST", "/api/hunts/" + teamHunt + "/teams/" + id + "/join-qr.svg", "{\"joinCode\":\"KX7P\"}",
                    "Authorization", member));
        }

        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        List<String> failures = BadInputs.failures(probe, cases, this::events);
        assertThat(failures).as("hostile requests answered with a 5xx, without problem+json, or writing on a 4xx ("
                + cases.size() + " sent)").isEmpty();
    }
}
