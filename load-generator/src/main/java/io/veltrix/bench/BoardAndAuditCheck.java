package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The check phase: the live board (read as the organizer, on each query instance) against the
 * board the acknowledged finds give, line by line (a player's, or a team's in team mode), then the
 * audit's verify of board and hash chains.
 */
final class BoardAndAuditCheck {

    private final LaunchContext context;
    private final Options options;
    private final Errors errors;

    BoardAndAuditCheck(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.errors = context.errors();
    }

    /**
     * The board (live, as organizer) against the acknowledged finds; the same on the other query
     * instance when there is one; then the audit verify if it exists.
     */
    Map<String, Object> run() throws Exception {
        Http http = new Http("check", options.duration("request-timeout"), 1);
        try {
            Map<String, Object> out = compareBoard(http, context.queryUrl(), "check-board");
            if (!context.otherQueryUrl().isEmpty()) {
                out.put("otherInstance", compareBoard(http, context.otherQueryUrl(), "check-other-board"));
            }
            out.put("audit", auditVerify(http));
            return out;
        } finally {
            http.close();
        }
    }

    private Map<String, Object> compareBoard(Http http, String baseUrl, String errorKind) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        long deadline = System.nanoTime() + options.duration("check-timeout").toNanos();
        long t0 = System.nanoTime();
        ExpectedBoard.Comparison comparison = null;
        int lines = 0;
        String unavailable = null;
        int attempts = 0;
        while (true) {
            attempts++;
            List<ExpectedBoard.Line> board = new ArrayList<>();
            unavailable = readBoard(http, baseUrl, board);
            if (unavailable != null) {
                break;
            }
            lines = board.size();
            comparison = context.expected().compare(board);
            if (comparison.differences().isEmpty() && comparison.uncertain().isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(500); // the projection may still be catching up
        }
        out.put("mode", context.teamMode() ? "team" : "solo");
        out.put(context.teamMode() ? "expectedTeams" : "expectedPlayers", context.expected().competitors());
        if (unavailable != null) {
            out.put("boardAvailable", false);
            out.put("note", unavailable);
            errors.add(errorKind + "-unavailable", unavailable);
        } else {
            out.put("boardAvailable", true);
            out.put("boardLines", lines);
            out.put("attempts", attempts);
            out.put("secondsUntilConsistent",
                    comparison.differences().isEmpty() ? ReportFigures.seconds(System.nanoTime() - t0) : null);
            out.put("matched", comparison.matched());
            out.put("registeredWithoutScoreNotListed", comparison.missingWithoutScore());
            out.put("differenceCount", comparison.differences().size());
            out.put("differences", comparison.differences().stream().limit(50).toList());
            out.put("uncertainDifferenceCount", comparison.uncertain().size());
            out.put("uncertainDifferences", comparison.uncertain().stream().limit(20).toList());
            for (String d : comparison.differences()) {
                errors.add(errorKind + "-differs", d);
            }
        }
        return out;
    }

    /** Reads the whole board page by page into {@code into}; returns why it could not, or null. */
    private String readBoard(Http http, String baseUrl, List<ExpectedBoard.Line> into) throws Exception {
        int page = options.integer("board-page-size");
        for (int offset = 0; ; offset += page) {
            HttpResponse<String> response;
            try {
                response = http.get(baseUrl + "/api/hunts/" + context.huntId() + "/leaderboard?limit=" + page
                        + "&offset=" + offset, context.organizer());
            } catch (IOException e) {
                return "leaderboard not reachable: " + e;
            }
            if (response.statusCode() != 200) {
                return "leaderboard answered " + response.statusCode() + " " + Http.abbreviate(response.body());
            }
            JsonNode lines = Http.parse(response.body());
            // a team-mode board ranks teams
            String competitor = context.teamMode() ? "teamId" : "playerId";
            for (JsonNode line : lines) {
                into.add(new ExpectedBoard.Line(line.path(competitor).asText(), line.path("score").asInt(),
                        line.path("cluesFound").asInt()));
            }
            if (lines.size() < page) {
                return null;
            }
        }
    }

    private Map<String, Object> auditVerify(Http http) throws InterruptedException {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.get(context.queryUrl() + "/api/audit/hunts/" + context.huntId() + "/verify",
                    context.auditor());
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                out.put("available", false);
                out.put("note", "audit verify endpoint not available (" + response.statusCode() + ")");
                return out;
            }
            out.put("available", true);
            out.put("status", response.statusCode());
            if (response.statusCode() != 200) {
                errors.add("audit-verify-status", response.statusCode() + " " + Http.abbreviate(response.body()));
                return out;
            }
            JsonNode verify = Http.parse(response.body());
            out.put("result", Http.JSON.convertValue(verify, Map.class));
            if (!verify.path("boardMatchesReplay").asBoolean(false)) {
                errors.add("audit-board-differs-from-replay", Http.abbreviate(verify.path("differences").toString()));
            }
            if (!verify.path("chainsIntact").asBoolean(false)) {
                errors.add("audit-chain-broken", Http.abbreviate(verify.path("brokenLinks").toString()));
            }
        } catch (IOException e) {
            out.put("available", false);
            out.put("note", "query service not reachable: " + e);
        }
        return out;
    }
}
