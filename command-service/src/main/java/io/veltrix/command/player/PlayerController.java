package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.forbidden;
import static io.veltrix.api.rule.RuleViolation.notFound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.find.FindOutcome;
import io.veltrix.api.find.FindResult;
import io.veltrix.api.find.HintResult;
import io.veltrix.api.find.RequestHint;
import io.veltrix.api.find.SubmitFind;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.AdjustScore;
import io.veltrix.api.player.DisqualifyPlayer;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.api.player.ReinstatePlayer;
import io.veltrix.api.player.RevokePlayerToken;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.api.team.RequestTeamHint;
import io.veltrix.api.team.SubmitTeamFind;
import io.veltrix.api.team.TeamId;
import io.veltrix.command.hunt.Answers;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntOrganizers;
import io.veltrix.command.hunt.JoinCodes;
import io.veltrix.command.idempotency.IdempotentCommands;
import io.veltrix.command.idempotency.Replies;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.platform.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Players register, submit finds and take hints; organizers correct players. */
@RestController
@RequestMapping("/api/hunts/{huntId}")
@Tag(name = "Players")
public class PlayerController {

    private static final String ANONYMOUS = "anonymous";

    private final CommandGateway commands;
    private final IdempotentCommands idempotent;
    private final ServerSecrets secrets;
    private final HuntDirectory hunts;
    private final PlayerTables players;
    private final SubmissionRateLimit rateLimit;
    private final ClientAddresses clientAddresses;
    private final AddressLimits addressLimits;
    private final WrongAnswerWatch wrongAnswers;
    private final ObjectMapper json;
    private final HuntOrganizers organizers;

    public PlayerController(CommandGateway commands, IdempotentCommands idempotent, ServerSecrets secrets,
                            HuntDirectory hunts, PlayerTables players, SubmissionRateLimit rateLimit,
                            ClientAddresses clientAddresses, AddressLimits addressLimits,
                            WrongAnswerWatch wrongAnswers, ObjectMapper json, HuntOrganizers organizers) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.secrets = secrets;
        this.hunts = hunts;
        this.players = players;
        this.rateLimit = rateLimit;
        this.clientAddresses = clientAddresses;
        this.addressLimits = addressLimits;
        this.wrongAnswers = wrongAnswers;
        this.json = json;
        this.organizers = organizers;
    }

    /** A registration; {@code joinCode} only for a hunt that has one. */
    public record Registration(String handle, String joinCode) {
    }

    public record Find(String clueId, String answer) {
    }

    public record Reason(String reason) {
    }

    public record Adjustment(Integer points, String reason) {
    }

    @PostMapping("/players")
    @Operation(summary = "Register for a hunt; the returned token is shown only here")
    @ApiResponse(responseCode = "201", description = "the player and its token, shown only here",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"playerId\": \"9d3f…\", \"handle\": \"first-finder\", \"token\": \"vxp_…\"}")))
    @ApiResponse(responseCode = "409", description = "the handle (or a look-alike) is taken, the hunt is full, or registration is closed")
    @ApiResponse(responseCode = "403", description = "the hunt needs a join code, and this one is missing or wrong")
    public ResponseEntity<?> register(@PathVariable String huntId, @RequestBody Registration body,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                      HttpServletRequest request) {
        String handle = Handles.clean(body.handle());
        HuntId hunt = new HuntId(Texts.required("huntId", huntId, 100, false));
        String joinCode = JoinCodes.presented(body.joinCode());
        String joinCodeHash = joinCode == null ? null : secrets.joinCodeHash(huntId, joinCode);
        // a replay answers with the token: the key is what proves that the first client asks again
        String secretKey = IdempotentCommands.secretKey(key);
        addressLimits.takeRegistration(huntId, clientAddresses.of(request));
        // a hunt's registrations go through one lane of the group commit: a batch never waits for a
        // capacity stripe or a handle that another lane's batch holds
        Reply reply = idempotent.runGrouped(huntId, null, ANONYMOUS, secretKey,
                Replies.fingerprint("POST /api/hunts/" + huntId + "/players", new Registration(handle, joinCodeHash), json),
                () -> {
                    PlayerId playerId = PlayerId.random();
                    String tokenHash = PlayerTokens.hash(secrets.playerToken(playerId.value()));
                    commands.sendAndWait(new RegisterPlayer(playerId, hunt, handle, tokenHash, joinCodeHash));
                    // The token is not stored, here or anywhere: it is derived again below.
                    return Reply.ok(201, json.createObjectNode().put("playerId", playerId.value()).put("handle", handle));
                });
        ObjectNode registered = ((ObjectNode) reply.body()).deepCopy();
        String playerId = registered.get("playerId").asText();
        registered.put("token", secrets.playerToken(playerId));
        return ResponseEntity.created(URI.create("/api/hunts/" + huntId + "/players/" + playerId)).body(registered);
    }

    @PostMapping("/finds")
    @SecurityRequirement(name = ApiDocumentation.PLAYER)
    @Operation(summary = "Submit an answer for a clue (player Bearer token); for the player's team in a team-mode hunt")
    @ApiResponse(responseCode = "200", description = "FOUND, ALREADY_FOUND or WRONG, with the points it earned",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"outcome\": \"FOUND\", \"points\": 100}")))
    @ApiResponse(responseCode = "409", description = "the hunt is not RUNNING")
    @ApiResponse(responseCode = "429", description = "locked out of this clue after too many wrong answers, or over the submission rate")
    public ResponseEntity<?> find(@PathVariable String huntId, @RequestBody Find body,
                                  @AuthenticationPrincipal PlayerPrincipal player,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  HttpServletRequest request) {
        requireOwnHunt(player, huntId);
        String clueId = Texts.required("clueId", body.clueId(), 100, false);
        String answer = Texts.required("answer", Texts.withoutBidiControls(body.answer()), 500, true);
        // in a team-mode hunt the team is who plays: its members share one rate, one lane, one aggregate
        String competitor = player.teamId() != null ? player.teamId() : player.playerId();
        rateLimit.acquire(competitor);
        HuntDirectory.Clue clue = hunts.clue(new HuntId(huntId), new ClueId(clueId))
                .orElseThrow(() -> notFound("unknown-clue", "this hunt has no clue " + clueId));
        String address = clientAddresses.of(request);
        addressLimits.checkAnswer(clueId, address);
        String answerHash = secrets.answerHash(clue.salt(), Answers.normalize(answer));
        String fingerprint = "POST /api/hunts/" + huntId + "/finds " + clueId + " " + answerHash;
        // a player's (a team's) finds go through one lane of the group commit, never two in one batch
        Reply reply = idempotent.runGrouped(competitor, competitor, player.playerId(), key, fingerprint, () -> {
            FindResult result = commands.sendAndWait(player.teamId() == null
                    ? new SubmitFind(new PlayerId(player.playerId()), new ClueId(clueId), answerHash)
                    : new SubmitTeamFind(new TeamId(player.teamId()), new PlayerId(player.playerId()),
                            new ClueId(clueId), answerHash));
            if (result.outcome() == FindOutcome.LOCKED_OUT) {
                ObjectNode problem = json.createObjectNode()
                        .put("type", "https://veltrix.io/problems/locked-out")
                        .put("title", "Too Many Requests")
                        .put("status", 429)
                        .put("detail", "too many wrong answers for this clue; retry in "
                                + result.retryAfterSeconds() + " s")
                        .put("outcome", result.outcome().name())
                        .put("retryAfterSeconds", result.retryAfterSeconds());
                return new Reply(429, problem, true, result.retryAfterSeconds());
            }
            return Reply.ok(200, json.createObjectNode()
                    .put("outcome", result.outcome().name())
                    .put("points", result.points()));
        });
        // a retry replaying a wrong answer counts again: rare, and it errs on the side of the limit
        if (FindOutcome.WRONG.name().equals(reply.body().path("outcome").asText())) {
            addressLimits.countWrongAnswer(clueId, address);
            wrongAnswers.wrongAnswer(huntId, clueId, address);
        }
        return Replies.render(reply);
    }

    @PostMapping("/hints/{clueId}")
    @SecurityRequirement(name = ApiDocumentation.PLAYER)
    @Operation(summary = "Take a clue's hint; its penalty is charged once (once per team in a team-mode hunt)")
    @ApiResponse(responseCode = "200", description = "the hint and its penalty (a second request costs nothing)",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"hint\": \"It shines at night\", \"penalty\": 10}")))
    @ApiResponse(responseCode = "409", description = "the hunt is not RUNNING, or the clue has no hint")
    public ResponseEntity<?> hint(@PathVariable String huntId, @PathVariable String clueId,
                                  @AuthenticationPrincipal PlayerPrincipal player,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        requireOwnHunt(player, huntId);
        Texts.required("clueId", clueId, 100, false);
        // the lane and the aggregate of the player's (the team's) finds: a hint and a find of one
        // competitor are decided one after the other, and a team's second purchase sees its first
        String competitor = player.teamId() != null ? player.teamId() : player.playerId();
        Reply reply = idempotent.runGrouped(competitor, competitor, player.playerId(), key,
                "POST /api/hunts/" + huntId + "/hints/" + clueId, () -> {
                    HintResult result = commands.sendAndWait(player.teamId() == null
                            ? new RequestHint(new PlayerId(player.playerId()), new ClueId(clueId))
                            : new RequestTeamHint(new TeamId(player.teamId()), new PlayerId(player.playerId()),
                                    new ClueId(clueId)));
                    return Reply.ok(200, json.createObjectNode().put("hint", result.hint())
                            .put("penalty", result.penalty()));
                });
        return Replies.render(reply);
    }

    @PostMapping("/players/{playerId}/disqualify")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Disqualify a player (organizer)")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"playerId\": \"9d3f…\"}")))
    @ApiResponse(responseCode = "409", description = "already disqualified")
    public ResponseEntity<?> disqualify(@PathVariable String huntId, @PathVariable String playerId,
                                        @RequestBody Reason body, Principal organizer,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String reason = Texts.required("reason", body.reason(), 500, false);
        return correction(huntId, playerId, organizer, key, "disqualify " + reason,
                new DisqualifyPlayer(new PlayerId(playerId), reason, organizer.getName()));
    }

    @PostMapping("/players/{playerId}/reinstate")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Lift a disqualification (organizer)")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"playerId\": \"9d3f…\"}")))
    @ApiResponse(responseCode = "409", description = "not disqualified")
    public ResponseEntity<?> reinstate(@PathVariable String huntId, @PathVariable String playerId,
                                       Principal organizer,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return correction(huntId, playerId, organizer, key, "reinstate",
                new ReinstatePlayer(new PlayerId(playerId), organizer.getName()));
    }

    @PostMapping("/players/{playerId}/tokens/revoke")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Revoke a player's tokens and issue the one replacing them, to hand to the player in person (organizer)")
    @ApiResponse(responseCode = "200", description = "the replacement token and a link that opens the player page with it",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"playerId\": \"9d3f…\","
                    + " \"token\": \"vxp_…\", \"devicePath\": \"/play/5c1e…#player=9d3f…&token=vxp_…\"}")))
    public ResponseEntity<?> revokeTokens(@PathVariable String huntId, @PathVariable String playerId,
                                          @RequestBody Reason body, Principal organizer,
                                          @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String reason = Texts.required("reason", body.reason(), 500, false);
        requireRunsPlayersHunt(organizer, huntId, playerId);
        Reply reply = idempotent.run(organizer.getName(), key,
                "POST /api/hunts/" + huntId + "/players/" + playerId + " revoke tokens " + reason, () -> {
                    // the replacement is derived from this id, which only the idempotency record keeps
                    String issue = UUID.randomUUID().toString();
                    String tokenHash = PlayerTokens.hash(secrets.playerToken(playerId, issue));
                    commands.sendAndWait(new RevokePlayerToken(new PlayerId(playerId), tokenHash, reason,
                            organizer.getName()));
                    return Reply.ok(200, json.createObjectNode().put("playerId", playerId).put("issue", issue));
                });
        if (reply.problem()) {
            return Replies.render(reply);
        }
        String token = secrets.playerToken(playerId, reply.body().get("issue").asText());
        ObjectNode answer = json.createObjectNode().put("playerId", playerId).put("token", token)
                // the player page reads a device link's token from the fragment, which no server logs
                .put("devicePath", "/play/" + encode(huntId) + "#player=" + encode(playerId) + "&token=" + encode(token));
        return Replies.render(Reply.ok(reply.status(), answer));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @PostMapping("/players/{playerId}/adjustments")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @Operation(summary = "Adjust a player's score by ± points, with a reason (organizer)")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"playerId\": \"9d3f…\"}")))
    @ApiResponse(responseCode = "409", description = "the adjustment would take the player past the bounds")
    public ResponseEntity<?> adjust(@PathVariable String huntId, @PathVariable String playerId,
                                    @RequestBody Adjustment body, Principal organizer,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String reason = Texts.required("reason", body.reason(), 500, false);
        if (body.points() == null) {
            throw RuleViolation.invalid("invalid-field", "'points' is required");
        }
        if (hunts.rules(new HuntId(Texts.required("huntId", huntId, 100, false))).map(r -> r.teamMode()).orElse(false)) {
            // the board of a team-mode hunt ranks teams: a correction of one member's score would show nowhere
            throw RuleViolation.conflict("team-hunt", "in a team-mode hunt scores are the teams': adjust the member's"
                    + " team (POST /api/hunts/" + huntId + "/teams/{teamId}/adjustments)");
        }
        return correction(huntId, playerId, organizer, key, "adjust " + body.points() + " " + reason,
                new AdjustScore(new PlayerId(playerId), body.points(), reason, organizer.getName()));
    }

    private ResponseEntity<?> correction(String huntId, String playerId, Principal organizer, String key,
                                         String what, Object command) {
        requireRunsPlayersHunt(organizer, huntId, playerId);
        Reply reply = idempotent.run(organizer.getName(), key,
                "POST /api/hunts/" + huntId + "/players/" + playerId + " " + what, () -> {
                    commands.sendAndWait(command);
                    return Reply.ok(200, json.createObjectNode().put("playerId", playerId));
                });
        return Replies.render(reply);
    }

    /** The caller runs the hunt (403 otherwise) and the player is one of it (404 otherwise). */
    private void requireRunsPlayersHunt(Principal organizer, String huntId, String playerId) {
        Texts.required("huntId", huntId, 100, false);
        Texts.required("playerId", playerId, 100, false);
        organizers.requireRuns(organizer, huntId);
        String playersHunt = players.huntOf(playerId)
                .orElseThrow(() -> notFound("unknown-player", "no player " + playerId));
        if (!playersHunt.equals(huntId)) {
            throw notFound("unknown-player", "no player " + playerId + " in hunt " + huntId);
        }
    }

    private static void requireOwnHunt(PlayerPrincipal player, String huntId) {
        if (!player.huntId().equals(huntId)) {
            throw forbidden("other-hunt", "this player token belongs to another hunt");
        }
    }
}
