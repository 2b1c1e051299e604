package io.veltrix.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;

/**
 * The stampede phase of a team-mode hunt, in two {@link RegistrationWave}s: every captain creates
 * a team at once, then every member joins a created team with its code (a team's members one after
 * another, as they get the code together). The accepted captains and members become the run's
 * players, each with their team; the created teams are the board's competitors.
 */
final class TeamStampede {

    /** A team the first wave created, with its captain. */
    private record CreatedTeam(String teamId, String joinCode, String captainId, String captainHandle,
                               String captainToken) {
    }

    private record Member(String playerId, String handle, String token) {
    }

    private final LaunchContext context;
    private final Options options;
    private final Errors errors;
    private final CostMeter costs;
    private final int teams;
    private final int teamSize;

    TeamStampede(LaunchContext context) {
        this.context = context;
        this.options = context.options();
        this.errors = context.errors();
        this.costs = context.costs();
        this.teams = options.integer("teams");
        this.teamSize = options.integer("team-size");
    }

    Map<String, Object> run() throws Exception {
        int retries = options.integer("registration-retries");
        int concurrency = options.integer("registration-concurrency");
        String teamsPath = "/api/hunts/" + context.huntId() + "/teams";
        RegistrationWave creations = new RegistrationWave("team-stampede-create", errors, retries);
        RegistrationWave joins = new RegistrationWave("team-stampede-join", errors, retries);
        AtomicReferenceArray<CreatedTeam> created = new AtomicReferenceArray<>(teams);
        List<RegistrationWave.Request> createRequests = new ArrayList<>(teams);
        for (int t = 0; t < teams; t++) {
            int index = t;
            String handle = String.format("captain-%05d", t);
            createRequests.add(new RegistrationWave.Request(teamsPath,
                    Map.of("name", String.format("team-%05d", t), "handle", handle),
                    body -> created.set(index, new CreatedTeam(body.get("teamId").asText(), body.get("joinCode").asText(),
                            body.get("playerId").asText(), handle, body.get("token").asText()))));
        }
        List<CreatedTeam> accepted = new ArrayList<>();
        AtomicReferenceArray<Member> members;
        CostMeter.Snapshot costStart;
        try (RawHttp http = new RawHttp("team-stampede", URI.create(context.commandUrl()), concurrency,
                options.duration("request-timeout"))) {
            costStart = costs.take();
            creations.run(http, concurrency, createRequests);
            for (int t = 0; t < teams; t++) {
                if (created.get(t) != null) {
                    accepted.add(created.get(t));
                }
            }
            int perTeam = teamSize - 1;
            members = new AtomicReferenceArray<>(accepted.size() * perTeam);
            List<RegistrationWave.Request> joinRequests = new ArrayList<>(accepted.size() * perTeam);
            for (int t = 0; t < accepted.size(); t++) {
                CreatedTeam team = accepted.get(t);
                for (int m = 0; m < perTeam; m++) {
                    int slot = t * perTeam + m;
                    String handle = String.format("member-%05d-%d", t, m + 1);
                    joinRequests.add(new RegistrationWave.Request(teamsPath + "/" + team.teamId() + "/members",
                            Map.of("handle", handle, "joinCode", team.joinCode()),
                            body -> members.set(slot, new Member(body.get("playerId").asText(), handle,
                                    body.get("token").asText()))));
                }
            }
            joins.run(http, concurrency, joinRequests);
        }
        CostMeter.Snapshot costEnd = costs.take();
        for (int t = 0; t < accepted.size(); t++) {
            CreatedTeam team = accepted.get(t);
            context.expected().registered(team.teamId());
            addPlayer(team, t, team.captainId(), team.captainHandle(), team.captainToken());
            for (int m = 0; m < teamSize - 1; m++) {
                Member member = members.get(t * (teamSize - 1) + m);
                if (member != null) {
                    addPlayer(team, t, member.playerId(), member.handle(), member.token());
                }
            }
        }
        long players = context.players().size();
        checkCapacity(accepted.size(), players);

        long wall = creations.wallNanos() + joins.wallNanos();
        Histogram latency = creations.latencies();
        latency.add(joins.latencies());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", "team");
        out.put("teamSize", teamSize);
        out.put("attempted", teams + joinsAttempted(accepted.size()));
        out.put("created201", creations.created() + joins.created());
        out.put("rejected409", creations.rejected() + joins.rejected());
        out.put("teamsCreated", accepted.size());
        out.put("playersRegistered", players);
        out.put("wallSeconds", ReportFigures.seconds(wall));
        out.put("registrationsPerSecond", ReportFigures.perSecond(teams + joinsAttempted(accepted.size()), wall));
        out.put("shed", creations.shed() + joins.shed());
        out.put("latencyMs", Latencies.percentiles(latency));
        out.put("creations", creations.report("creations"));
        out.put("joins", joins.report("joins"));
        out.put("costs", costs.report(costStart, costEnd, players, "registration"));
        out.put("note", "closed loop, " + concurrency + " in flight, team creations first, then the joins"
                + " (wallSeconds is both waves): latency is service time, not corrected; shed requests are resent"
                + " after their Retry-After and left out of latencyMs");
        return out;
    }

    private int joinsAttempted(int createdTeams) {
        return createdTeams * (teamSize - 1);
    }

    private void addPlayer(CreatedTeam team, int teamIndex, String playerId, String handle, String token) {
        context.players().add(new RegisteredPlayer(context.players().size(), playerId, handle, token, team.teamId(),
                teamIndex));
    }

    /**
     * The caps hold exactly: every team is created while neither maxTeams nor maxPlayers is reached,
     * then members join until the teams are full or maxPlayers is reached.
     */
    private void checkCapacity(int createdTeams, long players) {
        int maxPlayers = options.integer("max-players");
        int maxTeams = context.maxTeams();
        int expectedTeams = Math.min(teams, Math.min(maxTeams, maxPlayers));
        if (createdTeams != expectedTeams) {
            errors.add("team-stampede-capacity", createdTeams + " teams created, expected exactly " + expectedTeams);
        }
        long expectedPlayers = Math.min((long) createdTeams * teamSize, maxPlayers);
        if (players != expectedPlayers) {
            errors.add("team-stampede-capacity", players + " players registered in teams, expected exactly "
                    + expectedPlayers);
        }
    }
}
