package io.veltrix.command.player;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.find.HintResult;
import io.veltrix.api.find.RequestHint;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.RequestTeamHint;
import io.veltrix.api.team.TeamId;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.web.Texts;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A player (in a team-mode hunt, for its team) takes a clue's hint, whose penalty is charged once. */
@RestController
@RequestMapping("/api/hunts/{huntId}")
@Tag(name = "Players")
public class HintController {

    private final CommandGateway commands;
    private final IdempotentAnswers answers;

    public HintController(CommandGateway commands, IdempotentAnswers answers) {
        this.commands = commands;
        this.answers = answers;
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
        player.requirePlays(huntId);
        Texts.required("clueId", clueId, 100, false);
        // the lane and the aggregate of the player's (the team's) finds: a hint and a find of one
        // competitor are decided one after the other, and a team's second purchase sees its first
        String competitor = player.teamId() != null ? player.teamId() : player.playerId();
        return answers.runGrouped(competitor, competitor, player.playerId(), key,
                "POST /api/hunts/" + huntId + "/hints/" + clueId, () -> {
                    HintResult result = commands.sendAndWait(player.teamId() == null
                            ? new RequestHint(new PlayerId(player.playerId()), new ClueId(clueId))
                            : new RequestTeamHint(new TeamId(player.teamId()), new PlayerId(player.playerId()),
                                    new ClueId(clueId)));
                    return Reply.ok(200, answers.answer("hint", result.hint()).put("penalty", result.penalty()));
                });
    }
}
