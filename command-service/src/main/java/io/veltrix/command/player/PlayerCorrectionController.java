package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.notFound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.AdjustScore;
import io.veltrix.api.player.DisqualifyPlayer;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.ReinstatePlayer;
import io.veltrix.api.player.RevokePlayerToken;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntOrganizers;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.command.idempotency.IdempotentCommands;
import io.veltrix.command.idempotency.Replies;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.web.Texts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organizers of a hunt correct one of its players: disqualify and reinstate it, adjust its score,
 * and revoke its tokens, receiving the one that replaces them.
 */
@RestController
@RequestMapping("/api/hunts/{huntId}")
@Tag(name = "Players")
public class PlayerCorrectionController {

    private final CommandGateway commands;
    private final IdempotentCommands idempotent;
    private final IdempotentAnswers answers;
    private final ServerSecrets secrets;
    private final HuntDirectory hunts;
    private final PlayerTables players;
    private final HuntOrganizers organizers;

    public PlayerCorrectionController(CommandGateway commands, IdempotentCommands idempotent, IdempotentAnswers answers,
                                      ServerSecrets secrets, HuntDirectory hunts, PlayerTables players,
                                      HuntOrganizers organizers) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.answers = answers;
        this.secrets = secrets;
        this.hunts = hunts;
        this.players = players;
        this.organizers = organizers;
    }

    public record Reason(String reason) {
    }

    public record Adjustment(Integer points, String reason) {
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
                    return Reply.ok(200, answers.answer("playerId", playerId).put("issue", issue));
                });
        if (reply.problem()) {
            return Replies.render(reply);
        }
        String token = secrets.playerToken(playerId, reply.body().get("issue").asText());
        ObjectNode answer = answers.answer("playerId", playerId).put("token", token)
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
        return answers.send(organizer.getName(), key, "POST /api/hunts/" + huntId + "/players/" + playerId + " " + what,
                command, answers.answer("playerId", playerId));
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
}
