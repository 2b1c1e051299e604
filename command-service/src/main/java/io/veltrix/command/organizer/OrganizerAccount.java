package io.veltrix.command.organizer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.veltrix.api.organizer.ChangeOwnPassword;
import io.veltrix.api.organizer.CreateOrganizerAccount;
import io.veltrix.api.organizer.DisableOrganizerAccount;
import io.veltrix.api.organizer.EnableOrganizerAccount;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.organizer.OrganizerAccountDisabled;
import io.veltrix.api.organizer.OrganizerAccountEnabled;
import io.veltrix.api.organizer.OrganizerPasswordChanged;
import io.veltrix.api.organizer.ResetOrganizerPassword;
import io.veltrix.api.rule.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An organizer account: its own stream, so its events belong to no hunt. It is never deleted:
 * hunts' events name it, so its name stays claimed and a disabled account is the only removal.
 */
@Aggregate
public class OrganizerAccount {

    @AggregateIdentifier
    private String accountId;
    private String username;
    private String passwordHash;
    private boolean disabled;

    protected OrganizerAccount() {
        // for Axon
    }

    @CommandHandler
    public OrganizerAccount(CreateOrganizerAccount command) {
        requireBcrypt(command.passwordHash());
        apply(new OrganizerAccountCreated(command.accountId(), command.username(), command.passwordHash(),
                command.by()));
    }

    @CommandHandler
    public void handle(DisableOrganizerAccount command) {
        if (disabled) {
            throw RuleViolation.conflict("account-disabled", "the organizer account " + username + " is already disabled");
        }
        apply(new OrganizerAccountDisabled(accountId, username, command.by()));
    }

    @CommandHandler
    public void handle(EnableOrganizerAccount command) {
        if (!disabled) {
            throw RuleViolation.conflict("account-enabled", "the organizer account " + username + " is not disabled");
        }
        apply(new OrganizerAccountEnabled(accountId, username, command.by()));
    }

    /** An admin's reset works on a disabled account too, so that it is enabled again with a fresh password. */
    @CommandHandler
    public void handle(ResetOrganizerPassword command) {
        requireBcrypt(command.passwordHash());
        apply(new OrganizerPasswordChanged(accountId, username, command.passwordHash(), command.by()));
    }

    @CommandHandler
    public void handle(ChangeOwnPassword command, PasswordEncoder encoder) {
        if (disabled) {
            throw RuleViolation.conflict("account-disabled", "the organizer account " + username + " is disabled");
        }
        if (command.currentPassword() == null || !encoder.matches(command.currentPassword(), passwordHash)) {
            throw RuleViolation.forbidden("wrong-current-password", "'currentPassword' is not this account's password");
        }
        requireBcrypt(command.newPasswordHash());
        apply(new OrganizerPasswordChanged(accountId, username, command.newPasswordHash(), username));
    }

    private static void requireBcrypt(String hash) {
        if (hash == null || !hash.startsWith("$2")) {
            // a plain password must never reach an event: only a BCrypt hash is accepted
            throw RuleViolation.invalid("invalid-account", "an organizer account needs a BCrypt password hash");
        }
    }

    @EventSourcingHandler
    void on(OrganizerAccountCreated event) {
        accountId = event.accountId();
        username = event.username();
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(OrganizerAccountDisabled event) {
        disabled = true;
    }

    @EventSourcingHandler
    void on(OrganizerAccountEnabled event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(OrganizerPasswordChanged event) {
        passwordHash = event.passwordHash();
    }
}
