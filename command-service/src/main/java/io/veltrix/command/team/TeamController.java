package io.veltrix.command.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.api.team.AdjustTeamScore;
import io.veltrix.api.team.CreateTeam;
import io.veltrix.api.team.DisqualifyTeam;
import io.veltrix.api.team.JoinTeam;
import io.veltrix.api.team.ReinstateTeam;
import io.veltrix.api.team.RemoveTeamMember;
import io.veltrix.api.team.TeamId;
import io.veltrix.command.hunt.HuntOrganizers;
import io.veltrix.command.hunt.JoinCodes;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.command.idempotency.IdempotentCommands;
import io.veltrix.command.idempotency.Replies;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.player.AddressLimits;
import io.veltrix.command.player.Handles;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.platform.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * In a team-mode hunt, players create teams, join them with the team's code, and captains remove
 * members; organizers correct teams.
 */
@RestController
@RequestMapping("/api/hunts/{huntId}/teams")
@Tag(name = "Teams")
public class TeamController {

    private static final String ANONYMOUS = "anonymous";

    private final CommandGateway commands;
    private final IdempotentCommands idempotent;
    private final IdempotentAnswers answers;
    private final ServerSecrets secrets;
    private final ClientAddresses clientAddresses;
    private final AddressLimits addressLimits;
    private final ObjectMapper json;
    private final HuntOrganizers organizers;

    public TeamController(CommandGateway commands, IdempotentCommands idempotent, IdempotentAnswers answers,
                          ServerSecrets secrets,
                          ClientAddresses clientAddresses, AddressLimits addressLimits, ObjectMapper json,
                          HuntOrganizers organizers) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.answers = answers;
        this.secrets = secrets;
        this.clientAddresses = clientAddresses;
        this.addressLimits = addressLimits;
        this.json = json;
        this.organizers = organizers;
    }

    /** A new team: its name, its creator's handle, and the hunt's join code if it has one. */
    public record NewTeam(String name, String handle, String joinCode) {
    }

    /** A new member: their handle and the team's join code. */
    public record NewMember(String handle, String joinCode) {
    }

    public record Reason(String reason) {
    }

    public record Adjustment(Integer points, String reason) {
    }

    @PostMapping
    @Operation(summary = "Create a team in a team-mode hunt; its creator is its captain. The team's join code"
            + " and the captain's token are shown only here")
    @ApiResponse(responseCode = "201", description = "the team, its join code and the captain's token, shown only here",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"teamId\": \"5c1e…\","
                    + " \"name\": \"Night Owls\", \"joinCode\": \"KX7P-…\", \"playerId\": \"9d3f…\", \"handle\": \"ann\","
                    + " \"token\": \"vxp_…\"}")))
    @ApiResponse(responseCode = "403", description = "the hunt needs a join code, and this one is missing or wrong")
    @ApiResponse(responseCode = "409", description = "a solo hunt, the team name or the handle (or a look-alike) is taken,"
            + " the hunt or its teams are full, or registration is closed")
    public ResponseEntity<?> create(@PathVariable String huntId, @RequestBody NewTeam body,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    HttpServletRequest request) {
        HuntId hunt = new HuntId(Texts.required("huntId", huntId, 100, false));
        String name = Handles.cleanTeamName(body.name());
        String handle = Handles.clean(body.handle());
        String joinCode = JoinCodes.presented(body.joinCode());
        String huntJoinCodeHash = joinCode == null ? null : secrets.joinCodeHash(huntId, joinCode);
        // a replay answers with the token and the team's code: the key proves the first client asks again
        String secretKey = IdempotentCommands.secretKey(key);
        addressLimits.takeRegistration(huntId, clientAddresses.of(request));
        // through the hunt's lane of the group commit, as solo registrations: the team's name, the
        // captain's handle and both seats are claims on the hunt, which no other lane's batch holds
        Reply reply = idempotent.runGrouped(huntId, null, ANONYMOUS, secretKey,
                Replies.fingerprint("POST /api/hunts/" + huntId + "/teams", new NewTeam(name, handle, huntJoinCodeHash),
                        json),
                () -> {
                    TeamId teamId = TeamId.random();
                    PlayerId captain = PlayerId.random();
                    String teamCodeHash = secrets.joinCodeHash(teamId.value(), secrets.teamJoinCode(teamId.value()));
                    commands.sendAndWait(new CreateTeam(teamId, hunt, name, captain, handle,
                            PlayerTokens.hash(secrets.playerToken(captain.value())), huntJoinCodeHash, teamCodeHash));
                    // neither the token nor the team's code is stored: both are derived again below
                    return Reply.ok(201, json.createObjectNode().put("teamId", teamId.value()).put("name", name)
                            .put("playerId", captain.value()).put("handle", handle));
                });
        if (reply.problem()) {
            return Replies.render(reply);
        }
        ObjectNode created = ((ObjectNode) reply.body()).deepCopy();
        String teamId = created.get("teamId").asText();
        created.put("joinCode", secrets.teamJoinCode(teamId));
        created.put("token", secrets.playerToken(created.get("playerId").asText()));
        return ResponseEntity.created(URI.create("/api/hunts/" + huntId + "/teams/" + teamId)).body(created);
    }

    @PostMapping("/{teamId}/members")
    @Operation(summary = "Join a team with its join code; the returned token is shown only here")
    @ApiResponse(responseCode = "201", description = "the new member and its token, shown only here",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"teamId\": \"5c1e…\","
                    + " \"playerId\": \"9d3f…\", \"handle\": \"bob\", \"token\": \"vxp_…\"}")))
    @ApiResponse(responseCode = "403", description = "the team's join code is missing or wrong")
    @ApiResponse(responseCode = "409", description = "the team is full, the handle (or a look-alike) is taken, the hunt is"
            + " full, or registration is closed")
    public ResponseEntity<?> join(@PathVariable String huntId, @PathVariable String teamId,
                                  @RequestBody NewMember body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  HttpServletRequest request) {
        HuntId hunt = new HuntId(Texts.required("huntId", huntId, 100, false));
        TeamId team = new TeamId(Texts.required("teamId", teamId, 100, false));
        String handle = Handles.clean(body.handle());
        if (body.joinCode() == null) {
            throw RuleViolation.invalid("invalid-field", "'joinCode' is required: the team's join code (ask the captain)");
        }
        String teamCodeHash = secrets.joinCodeHash(teamId, JoinCodes.presented(body.joinCode()));
        String secretKey = IdempotentCommands.secretKey(key);
        addressLimits.takeRegistration(huntId, clientAddresses.of(request));
        // the hunt's lane too (the handle and the seat are the hunt's); two joins of one team never
        // share a batch, so the team's size is decided on what the previous join committed
        Reply reply = idempotent.runGrouped(huntId, teamId, ANONYMOUS, secretKey,
                Replies.fingerprint("POST /api/hunts/" + huntId + "/teams/" + teamId + "/members",
                        new NewMember(handle, teamCodeHash), json),
                () -> {
                    PlayerId playerId = PlayerId.random();
                    commands.sendAndWait(new JoinTeam(team, hunt, playerId, handle,
                            PlayerTokens.hash(secrets.playerToken(playerId.value())), teamCodeHash));
                    return Reply.ok(201, json.createObjectNode().put("teamId", teamId)
                            .put("playerId", playerId.value()).put("handle", handle));
                });
        if (reply.problem()) {
            return Replies.render(reply);
        }
        ObjectNode joined = ((ObjectNode) reply.body()).deepCopy();
        String playerId = joined.get("playerId").asText();
        joined.put("token", secrets.playerToken(playerId));
        return ResponseEntity.created(URI.create("/api/hunts/" + huntId + "/players/" + playerId)).body(joined);
    }

    @PostMapping("/{teamId}/members/{playerId}/remove")
    @Operation(summary = "Remove a member from the team before the hunt starts (the captain's Bearer token)")
    @SecurityRequirement(name = ApiDocumentation.PLAYER)
    @ApiResponse(responseCode = "200", description = "removed: the member's handle and seat are free again",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"teamId\": \"5c1e…\","
                    + " \"playerId\": \"9d3f…\"}")))
    @ApiResponse(responseCode = "409", description = "the hunt has started")
    public ResponseEntity<?> remove(@PathVariable String huntId, @PathVariable String teamId,
                                    @PathVariable String playerId, @AuthenticationPrincipal PlayerPrincipal captain,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Texts.required("huntId", huntId, 100, false);
        Texts.required("teamId", teamId, 100, false);
        Texts.required("playerId", playerId, 100, false);
        captain.requirePlays(huntId);
        return answers.send(captain.playerId(), key,
                "POST /api/hunts/" + huntId + "/teams/" + teamId + "/members/" + playerId + "/remove",
                new RemoveTeamMember(new TeamId(teamId), new HuntId(huntId), new PlayerId(playerId),
                        new PlayerId(captain.playerId())),
                answers.answer("teamId", teamId).put("playerId", playerId));
    }

    @PostMapping("/{teamId}/disqualify")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Disqualify a team (organizer)")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"teamId\": \"5c1e…\"}")))
    @ApiResponse(responseCode = "409", description = "already disqualified, or a solo hunt")
    public ResponseEntity<?> disqualify(@PathVariable String huntId, @PathVariable String teamId,
                                        @RequestBody Reason body, Principal organizer,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String reason = Texts.required("reason", body.reason(), 500, false);
        return correction(huntId, teamId, organizer, key, "disqualify " + reason,
                new DisqualifyTeam(new TeamId(teamId), new HuntId(huntId), reason, organizer.getName()));
    }

    @PostMapping("/{teamId}/reinstate")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Lift a team's disqualification (organizer)")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"teamId\": \"5c1e…\"}")))
    @ApiResponse(responseCode = "409", description = "not disqualified, or a solo hunt")
    public ResponseEntity<?> reinstate(@PathVariable String huntId, @PathVariable String teamId, Principal organizer,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return correction(huntId, teamId, organizer, key, "reinstate",
                new ReinstateTeam(new TeamId(teamId), new HuntId(huntId), organizer.getName()));
    }

    @PostMapping("/{teamId}/adjustments")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Adjust a team's score by ± points, with a reason (organizer)")
    public ResponseEntity<?> adjust(@PathVariable String huntId, @PathVariable String teamId,
                                    @RequestBody Adjustment body, Principal organizer,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String reason = Texts.required("reason", body.reason(), 500, false);
        if (body.points() == null) {
            throw RuleViolation.invalid("invalid-field", "'points' is required");
        }
        return correction(huntId, teamId, organizer, key, "adjust " + body.points() + " " + reason,
                new AdjustTeamScore(new TeamId(teamId), new HuntId(huntId), body.points(), reason, organizer.getName()));
    }

    private ResponseEntity<?> correction(String huntId, String teamId, Principal organizer, String key, String what,
                                         Object command) {
        Texts.required("huntId", huntId, 100, false);
        Texts.required("teamId", teamId, 100, false);
        organizers.requireRuns(organizer, huntId);
        return answers.send(organizer.getName(), key, "POST /api/hunts/" + huntId + "/teams/" + teamId + " " + what,
                command, answers.answer("teamId", teamId));
    }
}
