package io.veltrix.command.organizer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.veltrix.api.organizer.CreateOrganizerAccount;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.rule.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An organizer account: its own stream, so its events belong to no hunt. */
@Aggregate
public class OrganizerAccount {

    @AggregateIdentifier
    private String accountId;

    protected OrganizerAccount() {
        // for Axon
    }

    @CommandHandler
    public OrganizerAccount(CreateOrganizerAccount command) {
        if (command.passwordHash() == null || !command.passwordHash().startsWith("$2")) {
            // a plain password must never reach an event: only a BCrypt hash is accepted
            throw RuleViolation.invalid("invalid-account", "an organizer account needs a BCrypt password hash");
        }
        apply(new OrganizerAccountCreated(command.accountId(), command.username(), command.passwordHash(),
                command.by()));
    }

    @EventSourcingHandler
    void on(OrganizerAccountCreated event) {
        accountId = event.accountId();
    }
}
