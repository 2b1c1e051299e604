package io.veltrix.command.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.hunt.AddClue;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.EditClue;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.RemoveClue;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.web.Texts;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
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
 * Organizers add, edit and remove the clues of a draft hunt; a clue's accepted answers are kept
 * only as keyed hashes under the clue's own salt.
 */
@RestController
@RequestMapping("/api/hunts")
@Tag(name = "Hunts (organizer)")
@SecurityRequirement(name = ApiDocumentation.STAFF)
public class ClueController {

    static final int MAX_ANSWERS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final IdempotentAnswers answers;
    private final ServerSecrets secrets;
    private final ObjectMapper json;
    private final HuntOrganizers organizers;

    public ClueController(CommandGateway commands, IdempotentAnswers answers, ServerSecrets secrets, ObjectMapper json,
                          HuntOrganizers organizers) {
        this.commands = commands;
        this.answers = answers;
        this.secrets = secrets;
        this.json = json;
        this.organizers = organizers;
    }

    public record NewClue(String title, String riddle, List<String> answers, Integer points, String hint,
                          Integer hintPenalty) {
    }

    /** A clue as it should now be; {@code answers} omitted or null keeps the accepted answers. */
    public record ClueChange(String title, String riddle, List<String> answers, Integer points, String hint,
                             Integer hintPenalty) {
    }

    /** A clue's checked text, the same for a new clue and a changed one. */
    private record ClueText(String title, String riddle, String hint) {

        static ClueText checked(String title, String riddle, String hint, Integer points) {
            ClueText text = new ClueText(Texts.required("title", title, 200, false),
                    Texts.required("riddle", riddle, 4000, true), Texts.optional("hint", hint, 2000, true));
            if (points == null) {
                throw RuleViolation.invalid("invalid-field", "'points' is required");
            }
            return text;
        }

        /** What an Idempotency-Key's fingerprint holds of the clue, with {@code answers} as they may be kept. */
        String fingerprint(Integer points, Integer hintPenalty, String answers) {
            return title + "|" + riddle + "|" + hint + "|" + points + "|" + hintPenalty + "|" + answers;
        }
    }

    /**
     * Accepted answers as they are kept: their hashes under a new salt, and for the fingerprint one
     * keyed hash of them all, so that no plain answer is kept anywhere.
     */
    private record HashedAnswers(String salt, List<String> hashes, String fingerprint) {
    }

    @PostMapping("/{huntId}/clues")
    @Operation(summary = "Add a clue to a DRAFT hunt; answers are stored only as keyed hashes")
    @ApiResponse(responseCode = "201", description = "the clue",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"clueId\": \"5f0a7b7e-1c1e-4c55-8b0e-3e4a6f2d9c10\"}")))
    @ApiResponse(responseCode = "409", description = "the hunt is no longer a DRAFT")
    public ResponseEntity<?> addClue(@PathVariable String huntId, @RequestBody NewClue body, Principal organizer,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        ClueText text = ClueText.checked(body.title(), body.riddle(), body.hint(), body.points());
        if (body.answers() == null) {
            throw RuleViolation.invalid("invalid-field", "'answers' holds 1 to " + MAX_ANSWERS + " accepted answers");
        }
        checkAnswerCount(body.answers());
        Texts.required("huntId", huntId, 100, false);
        organizers.requireRuns(organizer, huntId);
        HashedAnswers accepted = hashed(body.answers());
        String fingerprint = "POST /api/hunts/" + huntId + "/clues "
                + text.fingerprint(body.points(), body.hintPenalty(), accepted.fingerprint());
        return answers.run(organizer.getName(), key, fingerprint, () -> {
            ClueId clueId = new ClueId(UUID.randomUUID().toString());
            commands.sendAndWait(new AddClue(new HuntId(huntId), clueId, text.title(), text.riddle(), body.points(),
                    text.hint(), Objects.requireNonNullElse(body.hintPenalty(), 0), accepted.salt(), accepted.hashes(),
                    organizer.getName()));
            return Reply.ok(201, json.createObjectNode().put("clueId", clueId.value()));
        });
    }

    @PostMapping("/{huntId}/clues/{clueId}/edit")
    @Operation(summary = "Replace a clue of a DRAFT hunt; without answers it keeps its accepted answers, which are never shown")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"clueId\": \"5f0a7b7e-1c1e-4c55-8b0e-3e4a6f2d9c10\"}")))
    @ApiResponse(responseCode = "404", description = "the hunt has no such clue")
    @ApiResponse(responseCode = "409", description = "the hunt is no longer a DRAFT")
    public ResponseEntity<?> editClue(@PathVariable String huntId, @PathVariable String clueId,
                                      @RequestBody ClueChange body, Principal organizer,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        ClueText text = ClueText.checked(body.title(), body.riddle(), body.hint(), body.points());
        if (body.answers() != null) {
            checkAnswerCount(body.answers());
        }
        Texts.required("huntId", huntId, 100, false);
        Texts.required("clueId", clueId, 100, false);
        organizers.requireRuns(organizer, huntId);
        HashedAnswers accepted = body.answers() == null ? new HashedAnswers(null, null, "kept") : hashed(body.answers());
        String fingerprint = "POST /api/hunts/" + huntId + "/clues/" + clueId + "/edit "
                + text.fingerprint(body.points(), body.hintPenalty(), accepted.fingerprint());
        return answers.send(organizer.getName(), key, fingerprint,
                new EditClue(new HuntId(huntId), new ClueId(clueId), text.title(), text.riddle(), body.points(),
                        text.hint(), Objects.requireNonNullElse(body.hintPenalty(), 0), accepted.salt(),
                        accepted.hashes(), organizer.getName()),
                answers.answer("clueId", clueId));
    }

    @PostMapping("/{huntId}/clues/{clueId}/remove")
    @Operation(summary = "Take a clue out of a DRAFT hunt")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"clueId\": \"5f0a7b7e-1c1e-4c55-8b0e-3e4a6f2d9c10\"}")))
    @ApiResponse(responseCode = "404", description = "the hunt has no such clue")
    @ApiResponse(responseCode = "409", description = "the hunt is no longer a DRAFT")
    public ResponseEntity<?> removeClue(@PathVariable String huntId, @PathVariable String clueId, Principal organizer,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Texts.required("huntId", huntId, 100, false);
        Texts.required("clueId", clueId, 100, false);
        organizers.requireRuns(organizer, huntId);
        return answers.send(organizer.getName(), key, "POST /api/hunts/" + huntId + "/clues/" + clueId + "/remove",
                new RemoveClue(new HuntId(huntId), new ClueId(clueId), organizer.getName()), answers.answer("clueId", clueId));
    }

    private static void checkAnswerCount(List<String> answers) {
        if (answers.isEmpty() || answers.size() > MAX_ANSWERS) {
            throw RuleViolation.invalid("invalid-field", "'answers' holds 1 to " + MAX_ANSWERS + " accepted answers");
        }
    }

    private HashedAnswers hashed(List<String> answers) {
        String salt = HexFormat.of().formatHex(randomBytes());
        return new HashedAnswers(salt, answerHashes(salt, answers),
                secrets.answerHash("fingerprint", String.join("\u0000", answers)));
    }

    /** Each answer normalized and hashed with the clue's salt, duplicates once; a blank answer is refused. */
    private List<String> answerHashes(String salt, List<String> answers) {
        List<String> hashes = new ArrayList<>();
        for (String answer : answers) {
            String normalized = Answers.normalize(Texts.required("answers[]", Texts.withoutBidiControls(answer), 200, true));
            if (normalized.isEmpty()) {
                throw RuleViolation.invalid("invalid-field", "an accepted answer cannot be blank");
            }
            String hash = secrets.answerHash(salt, normalized);
            if (!hashes.contains(hash)) {
                hashes.add(hash);
            }
        }
        return hashes;
    }

    private static byte[] randomBytes() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
