package io.veltrix.command.player;

import static io.veltrix.api.rule.RuleViolation.conflict;
import static io.veltrix.api.rule.RuleViolation.forbidden;
import static io.veltrix.api.rule.RuleViolation.notFound;

import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.RegisterPlayer;
import io.veltrix.command.hunt.HuntDirectory;
import io.veltrix.command.hunt.HuntDirectory.HuntRules;
import io.veltrix.command.hunt.JoinCodes;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * Registers players of solo hunts without a hunt-wide aggregate: the hunt's own rules (join code,
 * open for registration, played solo) are read here, the hunt-wide claims (handle, capacity) made by
 * the {@link Roster}, all in the transaction that appends the new player's first event.
 */
@Component
public class RegistrationDesk {

    private final HuntDirectory hunts;
    private final Roster roster;

    public RegistrationDesk(HuntDirectory hunts, Roster roster) {
        this.hunts = hunts;
        this.roster = roster;
    }

    @CommandHandler
    public PlayerId handle(RegisterPlayer command) throws Exception {
        HuntRules hunt = hunts.rules(command.huntId())
                .orElseThrow(() -> notFound("unknown-hunt", "hunt " + command.huntId() + " does not exist"));
        if (hunt.joinCodeHash() != null && !JoinCodes.matches(hunt.joinCodeHash(), command.joinCodeHash())) {
            throw forbidden("wrong-join-code", "this hunt takes registrations only with its join code (ask the organizers)");
        }
        if (!hunt.status().acceptsRegistrations()) {
            throw conflict("registration-closed", "registration is closed: the hunt is " + hunt.status());
        }
        if (hunt.teamMode()) {
            throw conflict("team-hunt", "this hunt is played in teams: create a team or join one with its code");
        }
        roster.enrol(hunt, command);
        return command.playerId();
    }
}
