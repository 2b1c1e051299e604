package io.veltrix.command.organizer;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.notFound;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.organizer.ChangeOwnPassword;
import io.veltrix.api.organizer.DisableOrganizerAccount;
import io.veltrix.api.organizer.EnableOrganizerAccount;
import io.veltrix.api.organizer.ResetOrganizerPassword;
import io.veltrix.command.idempotency.IdempotentAnswers;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.StaffDirectory;
import io.veltrix.platform.web.Texts;
import java.security.Principal;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The life of an organizer account after it was opened: an admin disables, enables and resets it;
 * the organizer changes its own password. Each is an event of the account naming who acted.
 */
@RestController
@Tag(name = "Organizers")
public class OrganizerAccountController {

    private final IdempotentAnswers answers;
    private final OrganizerAccounts accounts;
    private final StaffDirectory staff;
    private final PasswordEncoder encoder;

    public OrganizerAccountController(IdempotentAnswers answers, OrganizerAccounts accounts, StaffDirectory staff,
                                      PasswordEncoder encoder) {
        this.answers = answers;
        this.accounts = accounts;
        this.staff = staff;
        this.encoder = encoder;
    }

    public record NewPassword(String password) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    @PostMapping("/api/admin/organizers/{username}/disable")
    @Operation(summary = "Disable an organizer account (admin): it logs in on neither service; its hunts keep their other organizers")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the account, now disabled",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(value = "{\"username\": \"alice\", \"disabled\": true}")))
    @ApiResponse(responseCode = "404", description = "no organizer account has this name (configured accounts are not disabled here)")
    @ApiResponse(responseCode = "409", description = "the account is already disabled")
    public ResponseEntity<?> disable(@PathVariable String username, Principal admin,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return setDisabled(username, true, admin, key);
    }

    @PostMapping("/api/admin/organizers/{username}/enable")
    @Operation(summary = "Enable a disabled organizer account again (admin)")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the account, enabled",
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(value = "{\"username\": \"alice\", \"disabled\": false}")))
    @ApiResponse(responseCode = "404", description = "no organizer account has this name")
    @ApiResponse(responseCode = "409", description = "the account is not disabled")
    public ResponseEntity<?> enable(@PathVariable String username, Principal admin,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return setDisabled(username, false, admin, key);
    }

    /** Disables or enables the account, once per Idempotency-Key; answers its name and new state. */
    private ResponseEntity<?> setDisabled(String username, boolean disabled, Principal admin, String key) {
        String name = name(username);
        String accountId = accountId(name);
        String action = disabled ? "disable" : "enable";
        return answers.send(admin.getName(), key, "POST /api/admin/organizers/" + name + "/" + action,
                disabled ? new DisableOrganizerAccount(accountId, admin.getName())
                        : new EnableOrganizerAccount(accountId, admin.getName()),
                answers.answer("username", name).put("disabled", disabled));
    }

    @PostMapping("/api/admin/organizers/{username}/password")
    @Operation(summary = "Reset an organizer account's password (admin); the old one logs in no more")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the account",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"username\": \"alice\"}")))
    @ApiResponse(responseCode = "404", description = "no organizer account has this name")
    public ResponseEntity<?> reset(@PathVariable String username, @RequestBody NewPassword body, Principal admin,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String name = name(username);
        String password = OrganizerPasswords.require("password", name, body.password());
        String accountId = accountId(name);
        String hash = encoder.encode(password);
        // a retry is recognised by the name alone: no form of the password is kept with the key
        return answers.send(admin.getName(), key, "POST /api/admin/organizers/" + name + "/password",
                new ResetOrganizerPassword(accountId, hash, admin.getName()), answers.answer("username", name));
    }

    @PostMapping("/api/organizers/me/password")
    @Operation(summary = "Change the caller's own organizer password, giving the current one")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the account; the new password logs in from now on",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(value = "{\"username\": \"alice\"}")))
    @ApiResponse(responseCode = "403", description = "'currentPassword' is not the account's password")
    @ApiResponse(responseCode = "409", description = "the caller is a configured account: its password is set in configuration")
    public ResponseEntity<?> changeOwn(@RequestBody PasswordChange body, Principal organizer,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        String name = organizer.getName();
        String current = Texts.required("currentPassword", body.currentPassword(), OrganizerPasswords.MAX_PASSWORD_BYTES,
                false);
        String password = OrganizerPasswords.require("newPassword", name, body.newPassword());
        if (staff.isConfigured(name)) {
            throw conflict("configured-account", "the account " + name + " is configured: its password is set in"
                    + " the service's configuration");
        }
        String accountId = accountId(name);
        String hash = encoder.encode(password);
        return answers.send(name, key, "POST /api/organizers/me/password", new ChangeOwnPassword(accountId, current, hash),
                answers.answer("username", name));
    }

    private static String name(String username) {
        return Texts.required("username", username, 64, false).toLowerCase(Locale.ROOT);
    }

    private String accountId(String name) {
        return accounts.accountIdOf(name)
                .orElseThrow(() -> notFound("unknown-organizer", "no organizer account is named " + name));
    }
}
