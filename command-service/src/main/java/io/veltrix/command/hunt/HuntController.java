package io.veltrix.command.hunt;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.hunt.ChangeJoinCode;
import io.veltrix.api.hunt.CreateHunt;
import io.veltrix.api.hunt.EditHunt;
import io.veltrix.api.hunt.EndHunt;
import io.veltrix.api.hunt.FreezeScoreboard;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.PublishHunt;
import io.veltrix.api.hunt.StartHunt;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.command.idempotency.Replies;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.command.secret.ServerSecrets;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.web.Texts;
import java.security.Principal;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Organizers create hunts, change a draft's settings, and move hunts through their lifecycle. */
@RestController
@RequestMapping("/api/hunts")
@Tag(name = "Hunts (organizer)")
@SecurityRequirement(name = ApiDocumentation.STAFF)
public class HuntController {

    private final CommandGateway commands;
    private final IdempotentAnswers answers;
    private final ServerSecrets secrets;
    private final ObjectMapper json;
    private final HuntOrganizers organizers;
    private final int defaultMaxWrongAttempts;
    private final int defaultLockoutWindowSeconds;

    public HuntController(CommandGateway commands, IdempotentAnswers answers, ServerSecrets secrets,
                          ObjectMapper json, HuntOrganizers organizers,
                          @Value("${veltrix.finds.default-max-wrong-attempts:5}") int defaultMaxWrongAttempts,
                          @Value("${veltrix.finds.default-lockout-window-seconds:60}") int defaultLockoutWindowSeconds) {
        this.commands = commands;
        this.answers = answers;
        this.secrets = secrets;
        this.json = json;
        this.organizers = organizers;
        this.defaultMaxWrongAttempts = defaultMaxWrongAttempts;
        this.defaultLockoutWindowSeconds = defaultLockoutWindowSeconds;
    }

    public record NewHunt(String name, Instant startsAt, Instant endsAt, Integer maxPlayers, Integer firstFinderBonus,
                          Integer maxWrongAttempts, Integer lockoutWindowSeconds, String joinCode,
                          Integer teamSize, Integer maxTeams) {
    }

    /** A draft's settings as they should now be; an omitted optional field takes its creation default. */
    public record HuntSettings(String name, Instant startsAt, Instant endsAt, Integer maxPlayers,
                               Integer firstFinderBonus, Integer maxWrongAttempts, Integer lockoutWindowSeconds) {
    }

    public record Freeze(Instant at) {
    }

    /** A hunt's new join code; null opens the hunt to anyone. */
    public record NewJoinCode(String joinCode) {
    }

    @PostMapping
    @Operation(summary = "Create a hunt in DRAFT")
    @ApiResponse(responseCode = "201", description = "the hunt, in DRAFT",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    public ResponseEntity<?> create(@RequestBody NewHunt body, Principal organizer,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String name = Texts.required("name", body.name(), 200, false);
        String joinCode = JoinCodes.clean(body.joinCode());
        // like a clue's answers, the join code is kept nowhere in clear, not even in the key's fingerprint
        NewHunt asked = new NewHunt(body.name(), body.startsAt(), body.endsAt(), body.maxPlayers(),
                body.firstFinderBonus(), body.maxWrongAttempts(), body.lockoutWindowSeconds(),
                joinCode == null ? null : secrets.joinCodeHash("fingerprint", joinCode), body.teamSize(),
                body.maxTeams());
        return answers.run(organizer.getName(), key, Replies.fingerprint("POST /api/hunts", asked, json), () -> {
            HuntId huntId = HuntId.random();
            commands.sendAndWait(new CreateHunt(huntId, name, body.startsAt(), body.endsAt(), body.maxPlayers(),
                    orDefault(body.firstFinderBonus(), 0),
                    orDefault(body.maxWrongAttempts(), defaultMaxWrongAttempts),
                    orDefault(body.lockoutWindowSeconds(), defaultLockoutWindowSeconds),
                    organizer.getName(), joinCode == null ? null : secrets.joinCodeHash(huntId.value(), joinCode),
                    body.teamSize(), body.maxTeams()));
            return Reply.ok(201, json.createObjectNode().put("huntId", huntId.value()));
        });
    }

    @PostMapping("/{huntId}/edit")
    @Operation(summary = "Replace a DRAFT hunt's settings (the body of a new hunt without joinCode, teamSize and maxTeams)")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    @ApiResponse(responseCode = "409", description = "the hunt is no longer a DRAFT")
    public ResponseEntity<?> edit(@PathVariable String huntId, @RequestBody HuntSettings body, Principal organizer,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String name = Texts.required("name", body.name(), 200, false);
        Texts.required("huntId", huntId, 100, false);
        organizers.requireRuns(organizer, huntId);
        EditHunt command = new EditHunt(new HuntId(huntId), name, body.startsAt(), body.endsAt(), body.maxPlayers(),
                orDefault(body.firstFinderBonus(), 0),
                orDefault(body.maxWrongAttempts(), defaultMaxWrongAttempts),
                orDefault(body.lockoutWindowSeconds(), defaultLockoutWindowSeconds),
                organizer.getName());
        return answers.send(organizer.getName(), key, Replies.fingerprint("POST /api/hunts/" + huntId + "/edit", body, json),
                command, answers.answer("huntId", huntId));
    }

    @PostMapping("/{huntId}/publish")
    @Operation(summary = "DRAFT → PUBLISHED: registration opens, the clue set freezes")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    @ApiResponse(responseCode = "409", description = "not a DRAFT, or a hunt without clues")
    public ResponseEntity<?> publish(@PathVariable String huntId, Principal organizer,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return transition(huntId, "publish", new PublishHunt(new HuntId(huntId), organizer.getName()), organizer, key);
    }

    @PostMapping("/{huntId}/start")
    @Operation(summary = "PUBLISHED → RUNNING: finds are accepted")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    @ApiResponse(responseCode = "409", description = "not PUBLISHED")
    public ResponseEntity<?> start(@PathVariable String huntId, Principal organizer,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return transition(huntId, "start", new StartHunt(new HuntId(huntId), organizer.getName()), organizer, key);
    }

    @PostMapping("/{huntId}/end")
    @Operation(summary = "→ ENDED: no more finds or registrations")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    @ApiResponse(responseCode = "409", description = "neither PUBLISHED nor RUNNING")
    public ResponseEntity<?> end(@PathVariable String huntId, Principal organizer,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return transition(huntId, "end", new EndHunt(new HuntId(huntId), organizer.getName()), organizer, key);
    }

    @PostMapping("/{huntId}/freeze")
    @Operation(summary = "Freeze the public scoreboard now, or at a later instant {at}")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    @ApiResponse(responseCode = "409", description = "neither PUBLISHED nor RUNNING, or already frozen")
    public ResponseEntity<?> freeze(@PathVariable String huntId, @RequestBody(required = false) Freeze body,
                                    Principal organizer,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Instant at = body == null ? null : body.at();
        return transition(huntId, "freeze " + at, new FreezeScoreboard(new HuntId(huntId), at, organizer.getName()),
                organizer, key);
    }

    @PostMapping("/{huntId}/join-code")
    @Operation(summary = "Replace the hunt's join code, or remove it with {\"joinCode\": null}; no code is ever shown again")
    @ApiResponse(responseCode = "200", description = "done",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"huntId\": \"0b5c3c4e-6f0e-4d7a-9a55-2f1d6c1e8b21\"}")))
    @ApiResponse(responseCode = "409", description = "the hunt has ended")
    public ResponseEntity<?> changeJoinCode(@PathVariable String huntId, @RequestBody NewJoinCode body,
                                            Principal organizer,
                                            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Texts.required("huntId", huntId, 100, false);
        String joinCode = JoinCodes.clean(body.joinCode());
        String hash = joinCode == null ? null : secrets.joinCodeHash(huntId, joinCode);
        String asked = joinCode == null ? "none" : secrets.joinCodeHash("fingerprint", joinCode);
        return transition(huntId, "join-code " + asked, new ChangeJoinCode(new HuntId(huntId), hash, organizer.getName()),
                organizer, key);
    }

    private ResponseEntity<?> transition(String huntId, String what, Object command, Principal organizer, String key) {
        Texts.required("huntId", huntId, 100, false);
        organizers.requireRuns(organizer, huntId);
        return answers.send(organizer.getName(), key, "POST /api/hunts/" + huntId + "/" + what, command,
                answers.answer("huntId", huntId));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
