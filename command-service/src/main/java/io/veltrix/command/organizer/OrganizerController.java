package io.veltrix.command.organizer;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.invalid;
import static io.veltrix.api.rule.RuleViolation.notFound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.hunt.AddHuntOrganizer;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.RemoveHuntOrganizer;
import io.veltrix.api.organizer.CreateOrganizerAccount;
import io.veltrix.command.hunt.HuntOrganizers;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.command.idempotency.Reply;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.StaffDirectory;
import io.veltrix.platform.web.Texts;
import java.security.Principal;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins open organizer accounts; an organizer of a hunt (or an admin) adds co-organizers to it,
 * and its owner (or an admin) removes them.
 */
@RestController
@Tag(name = "Organizers")
public class OrganizerController {

    /** Lower case only, so that one name cannot be registered again in another case. */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    /**
     * Names events and idempotency records already use for who acted without an account (the
     * hunt clock, anonymous registrations): an account of that name would blur the audit trail.
     */
    static final Set<String> RESERVED = Set.of("scheduler", "anonymous", "system");
    private final CommandGateway commands;
    private final IdempotentAnswers answers;
    private final OrganizerAccounts accounts;
    private final StaffDirectory staff;
    private final HuntOrganizers hunts;
    private final PasswordEncoder encoder;
    private final ObjectMapper json;

    public OrganizerController(CommandGateway commands, IdempotentAnswers answers, OrganizerAccounts accounts,
                               StaffDirectory staff, HuntOrganizers hunts, PasswordEncoder encoder, ObjectMapper json) {
        this.commands = commands;
        this.answers = answers;
        this.accounts = accounts;
        this.staff = staff;
        this.hunts = hunts;
        this.encoder = encoder;
        this.json = json;
    }

    public record NewOrganizer(String username, String password) {
    }

    public record CoOrganizer(String username) {
    }

    @PostMapping("/api/admin/organizers")
    @Operation(summary = "Open an organizer account (admin); the password is kept only as a BCrypt hash")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "201", description = "the account",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"username\": \"alice\"}")))
    @ApiResponse(responseCode = "409", description = "the name is taken (also by a configured account)")
    public ResponseEntity<?> create(@RequestBody NewOrganizer body, Principal admin,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String username = Texts.required("username", body.username(), 64, false);
        if (!USERNAME.matcher(username).matches()) {
            throw invalid("invalid-username", "'username' has 3 to 64 characters: lower-case letters a-z, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        String password = OrganizerPasswords.require("password", username, body.password());
        if (staff.isConfigured(username) || RESERVED.contains(username)) {
            throw conflict("username-taken", "the user name " + username + " is taken");
        }
        String hash = encoder.encode(password);
        // a retry is recognised by the name alone: no form of the password is kept with the key
        return answers.run(admin.getName(), key, "POST /api/admin/organizers " + username, () -> {
            String accountId = UUID.randomUUID().toString();
            if (!accounts.claim(username, accountId, hash)) {
                throw conflict("username-taken", "the user name " + username + " is taken");
            }
            commands.sendAndWait(new CreateOrganizerAccount(accountId, username, hash, admin.getName()));
            return Reply.ok(201, json.createObjectNode().put("username", username));
        });
    }

    @PostMapping("/api/hunts/{huntId}/organizers")
    @Operation(summary = "Add a co-organizer to a hunt (an organizer of the hunt, or an admin)")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the hunt and the co-organizer (adding one again changes nothing)",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(value = "{\"huntId\": \"5c1e…\", \"username\": \"alice\"}")))
    @ApiResponse(responseCode = "409", description = "the organizer account is disabled")
    public ResponseEntity<?> addToHunt(@PathVariable String huntId, @RequestBody CoOrganizer body, Principal organizer,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Texts.required("huntId", huntId, 100, false);
        String asked = Texts.required("username", body.username(), 64, false);
        hunts.requireRuns(organizer, huntId);
        if (accounts.isDisabled(asked.toLowerCase(Locale.ROOT))) {
            throw conflict("account-disabled", "the organizer account " + asked + " is disabled");
        }
        String username = staff.organizerNamed(asked)
                .orElseThrow(() -> notFound("unknown-organizer", "no organizer account is named " + asked));
        return answers.send(organizer.getName(), key, "POST /api/hunts/" + huntId + "/organizers " + username,
                new AddHuntOrganizer(new HuntId(huntId), username, organizer.getName()),
                answers.answer("huntId", huntId).put("username", username));
    }

    @PostMapping("/api/hunts/{huntId}/organizers/{username}/remove")
    @Operation(summary = "Remove an organizer from a hunt (the hunt's owner, or an admin); never its last one")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the hunt and the organizer removed",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(value = "{\"huntId\": \"5c1e…\", \"username\": \"bob\"}")))
    @ApiResponse(responseCode = "403", description = "the caller neither owns the hunt nor is an admin")
    @ApiResponse(responseCode = "404", description = "the name does not organize this hunt")
    @ApiResponse(responseCode = "409", description = "the name is the hunt's last organizer")
    public ResponseEntity<?> removeFromHunt(@PathVariable String huntId, @PathVariable String username,
                                            Principal organizer,
                                            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        Texts.required("huntId", huntId, 100, false);
        String asked = Texts.required("username", username, 64, false);
        hunts.requireRuns(organizer, huntId);
        // as events name the account: a configured organizer as configured, a stored one (disabled too) in lower case
        String name = staff.organizerNamed(asked).orElse(asked.toLowerCase(Locale.ROOT));
        return answers.send(organizer.getName(), key, "POST /api/hunts/" + huntId + "/organizers/" + name + "/remove",
                new RemoveHuntOrganizer(new HuntId(huntId), name, organizer.getName(), HuntOrganizers.isAdmin(organizer)),
                answers.answer("huntId", huntId).put("username", name));
    }
}
