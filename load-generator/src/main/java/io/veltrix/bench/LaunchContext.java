package io.veltrix.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the launch-day phases share: the options, the run's errors and cost meter, the services'
 * URLs and staff credentials, and the hunt as the setup and the stampede left it (its clues, the
 * registered players and the board their acknowledged finds must give).
 */
final class LaunchContext {

    private final Options options;
    private final Errors errors;
    private final CostMeter costs;
    /** One seeded sequence for every pick of the run, so a run can be repeated. */
    private final Random random;
    /** The organizer's calls outside the load streams (setup, start). */
    private final Http commands;
    private final String organizer;
    private final String auditor;
    private final String admin;
    private final String commandUrl;
    private final String queryUrl;
    private final String otherCommandUrl;
    private final String otherQueryUrl;
    private final List<PublishedClue> clues = new ArrayList<>();
    private final List<RegisteredPlayer> players = new ArrayList<>();
    private final ExpectedBoard expected;
    private String huntId;

    LaunchContext(Options options, Errors errors, CostMeter costs) {
        this.options = options;
        this.errors = errors;
        this.costs = costs;
        this.random = new Random(options.longValue("random-seed"));
        this.commands = new Http("command", options.duration("request-timeout"), 2);
        this.organizer = Http.basic(options.string("organizer-user"), options.string("organizer-password"));
        this.auditor = Http.basic(options.string("auditor-user"), options.string("auditor-password"));
        this.admin = Http.basic(options.string("admin-user"), options.string("admin-password"));
        this.commandUrl = trimSlash(options.string("command-url"));
        this.queryUrl = trimSlash(options.string("query-url"));
        this.otherCommandUrl = trimSlash(options.string("other-command-url"));
        this.otherQueryUrl = trimSlash(options.string("other-query-url"));
        this.expected = new ExpectedBoard(options.integer("first-finder-bonus"), teamMode() ? "team" : "player");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Whether the hunt is played in teams ({@code --teams} above 0). */
    boolean teamMode() {
        return options.integer("teams") > 0;
    }

    /** The team-mode hunt's maxTeams: {@code --max-teams}, else {@code --teams}. */
    int maxTeams() {
        Integer max = options.optionalInteger("max-teams");
        return max != null ? max : options.integer("teams");
    }

    /** What the board ranks, scores and the pacer paces: "players" solo, "teams" in team mode. */
    String competitorsNoun() {
        return teamMode() ? "teams" : "players";
    }

    /** How many players (solo) or teams (team mode) the stampede registered. */
    int competitors() {
        return expected.competitors();
    }

    Options options() {
        return options;
    }

    Errors errors() {
        return errors;
    }

    CostMeter costs() {
        return costs;
    }

    Random random() {
        return random;
    }

    Http commands() {
        return commands;
    }

    /** The organizer's Authorization header value. */
    String organizer() {
        return organizer;
    }

    /** The auditor's Authorization header value. */
    String auditor() {
        return auditor;
    }

    /** The admin's Authorization header value. */
    String admin() {
        return admin;
    }

    String commandUrl() {
        return commandUrl;
    }

    String queryUrl() {
        return queryUrl;
    }

    /** A second command-service instance (empty: none): finds alternate between the two. */
    String otherCommandUrl() {
        return otherCommandUrl;
    }

    /** A second query-service instance (empty: none): its board is checked too. */
    String otherQueryUrl() {
        return otherQueryUrl;
    }

    /** The hunt the setup created; null before. */
    String huntId() {
        return huntId;
    }

    void huntCreated(String id) {
        this.huntId = id;
    }

    /** The hunt's clues, in the order the setup added them. */
    List<PublishedClue> clues() {
        return clues;
    }

    /** The registered players, each at its {@link RegisteredPlayer#index()}. */
    List<RegisteredPlayer> players() {
        return players;
    }

    /** The board the acknowledged finds give, for the check. */
    ExpectedBoard expected() {
        return expected;
    }

    /** Fails with {@code message} when the stampede registered nobody. */
    void requirePlayers(String message) {
        if (players.isEmpty()) {
            throw new IllegalStateException(message);
        }
    }

    /** A pacer per player, or per team in team mode (the service's rate limit is the team's). */
    PlayerPacer newPacer() {
        return new PlayerPacer(players.size(), options.number("player-rate"),
                options.integer("player-burst"), System.nanoTime());
    }

    /** The competitors' combined submission rate the pacer allows, with room for random picks (some are still busy). */
    double playersCanOffer() {
        return competitors() * options.number("player-rate") * 0.75;
    }

    Ladder.Slo slo() {
        return new Ladder.Slo(options.duration("slo-p99").toNanos() / 1e6, options.duration("slo-lag-p99").toNanos() / 1e6);
    }

    void close() {
        commands.close();
    }
}
