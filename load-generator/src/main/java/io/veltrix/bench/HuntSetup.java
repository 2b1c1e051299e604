package io.veltrix.bench;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hunt the run plays: created with its clues and published by the organizer, then started. */
final class HuntSetup {

    private final LaunchContext context;
    private final Options options;
    private final Http commands;
    private final String commandUrl;
    private final String organizer;

    HuntSetup(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.commands = context.commands();
        this.commandUrl = context.commandUrl();
        this.organizer = context.organizer();
    }

    /** One hunt with N clues (known answers, distinct points), published. */
    Map<String, Object> publish() throws Exception {
        long t0 = System.nanoTime();
        Map<String, Object> hunt = new LinkedHashMap<>();
        hunt.put("name", "launch day " + Instant.now());
        hunt.put("maxPlayers", options.integer("max-players"));
        hunt.put("firstFinderBonus", options.integer("first-finder-bonus"));
        if (context.teamMode()) {
            hunt.put("teamSize", options.integer("team-size"));
            hunt.put("maxTeams", context.maxTeams());
        }
        Integer maxWrong = options.optionalInteger("max-wrong-attempts");
        if (maxWrong != null) {
            hunt.put("maxWrongAttempts", maxWrong);
        }
        HttpResponse<String> created = commands.post(commandUrl + "/api/hunts", organizer, hunt);
        expectStatus(created, 201, "create hunt");
        String huntId = Http.parse(created.body()).get("huntId").asText();
        context.huntCreated(huntId);
        for (int i = 0; i < options.integer("clues"); i++) {
            String answer = "answer " + i;
            int points = 10 + i;
            Map<String, Object> clue = new LinkedHashMap<>();
            clue.put("title", "Clue " + i);
            clue.put("riddle", "What is answer number " + i + "?");
            clue.put("answers", List.of(answer));
            clue.put("points", points);
            HttpResponse<String> added = commands.post(commandUrl + "/api/hunts/" + huntId + "/clues", organizer, clue);
            expectStatus(added, 201, "add clue " + i);
            context.clues().add(new PublishedClue(Http.parse(added.body()).get("clueId").asText(), answer, points));
        }
        expectStatus(commands.post(commandUrl + "/api/hunts/" + huntId + "/publish", organizer, null), 200, "publish");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("huntId", huntId);
        out.put("mode", context.teamMode() ? "team" : "solo");
        out.put("clues", context.clues().size());
        out.put("wallMs", (System.nanoTime() - t0) / 1_000_000);
        return out;
    }

    private static void expectStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + response.statusCode()
                    + " " + Http.abbreviate(response.body()));
        }
    }

    /** Starts the published hunt, so that finds are accepted. */
    Map<String, Object> start() throws Exception {
        HttpResponse<String> started = commands.post(commandUrl + "/api/hunts/" + context.huntId() + "/start", organizer, null);
        expectStatus(started, 200, "start hunt");
        return Map.of("status", started.statusCode());
    }
}
