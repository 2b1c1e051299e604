package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.notFound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.find.FindOutcome;
import io.veltrix.api.find.FindResult;
import io.veltrix.api.find.SubmitFind;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.team.SubmitTeamFind;
import io.veltrix.api.team.TeamId;
import io.veltrix.command.hunt.Answers;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.idempotency.IdempotentCommands;
import io.veltrix.command.idempotency.Replies;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.PlayerPrincipal;
import io.veltrix.platform.web.ApiProblems;
import io.veltrix.platform.web.ClientAddresses;
import io.veltrix.platform.web.Texts;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A player submits an answer for a clue (in a team-mode hunt, for its team): the answer is
 * normalized and hashed with the clue's salt, and the find is decided by the player's (the team's)
 * aggregate under the rate and lockout rules.
 */
@RestController
@RequestMapping("/api/hunts/{huntId}")
@Tag(name = "Players")
public class FindController {

    private final CommandGateway commands;
    private final IdempotentCommands idempotent;
    private final ServerSecrets secrets;
    private final HuntDirectory hunts;
    private final SubmissionRateLimit rateLimit;
    private final ClientAddresses clientAddresses;
    private final AddressLimits addressLimits;
    private final WrongAnswerWatch wrongAnswers;
    private final ObjectMapper json;

    public FindController(CommandGateway commands, IdempotentCommands idempotent, ServerSecrets secrets,
                          HuntDirectory hunts, SubmissionRateLimit rateLimit, ClientAddresses clientAddresses,
                          AddressLimits addressLimits, WrongAnswerWatch wrongAnswers, ObjectMapper json) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.secrets = secrets;
        this.hunts = hunts;
        this.rateLimit = rateLimit;
        this.clientAddresses = clientAddresses;
        this.addressLimits = addressLimits;
        this.wrongAnswers = wrongAnswers;
        this.json = json;
    }

    public record Find(String clueId, String answer) {
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
        player.requirePlays(huntId);
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
                return new Reply(429, lockedOut(result), true, result.retryAfterSeconds());
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

    /**
     * The 429 of a clue locked out for the competitor, as JSON: a reply is stored under its
     * Idempotency-Key as JSON, and a retry answers it again as it was.
     */
    private JsonNode lockedOut(FindResult result) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "locked-out",
                "too many wrong answers for this clue; retry in " + result.retryAfterSeconds() + " s");
        problem.setProperty("outcome", result.outcome().name());
        problem.setProperty("retryAfterSeconds", result.retryAfterSeconds());
        return json.valueToTree(problem);
    }
}
