package io.veltrix.command.organizer;

import io.veltrix.api.organizer.OrganizerAccountDisabled;
import io.veltrix.api.organizer.OrganizerAccountEnabled;
import io.veltrix.api.organizer.OrganizerPasswordChanged;
import io.veltrix.platform.security.StoredOrganizers;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's organizer accounts ({@code organizer_account}): claimed at creation, kept in
 * step with the account's events in the append's transaction (subscribing processor
 * "command-tables"), read at login.
 */
@Component
@ProcessingGroup("command-tables")
public class OrganizerAccounts implements StoredOrganizers {

    private final JdbcClient jdbc;

    public OrganizerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code username} for a new account in the current transaction; false when it is taken.
     * A concurrent claim of the same name waits here until the first commits, then loses.
     */
    boolean claim(String username, String accountId, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO organizer_account (username, account_id, password_hash) VALUES (?, ?, ?)
                        ON CONFLICT (username) DO NOTHING""")
                .params(username, accountId, passwordHash)
                .update() == 1;
    }

    /** The id of the account named {@code username} (lower case), disabled or not. */
    Optional<String> accountIdOf(String username) {
        return jdbc.sql("SELECT account_id FROM organizer_account WHERE username = ?")
                .param(username).query(String.class).optional();
    }

    /** Whether the account named {@code username} exists and is disabled. */
    boolean isDisabled(String username) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM organizer_account WHERE username = ? AND disabled)")
                .param(username).query(Boolean.class).single();
    }

    /** A disabled account has no hash to log in with: it is refused as an unknown name is. */
    @Override
    public Optional<String> passwordHashOf(String username) {
        return jdbc.sql("SELECT password_hash FROM organizer_account WHERE username = ? AND NOT disabled")
                .param(username).query(String.class).optional();
    }

    @EventHandler
    void on(OrganizerAccountDisabled event) {
        disabled(event.accountId(), true);
    }

    @EventHandler
    void on(OrganizerAccountEnabled event) {
        disabled(event.accountId(), false);
    }

    @EventHandler
    void on(OrganizerPasswordChanged event) {
        jdbc.sql("UPDATE organizer_account SET password_hash = ? WHERE account_id = ?")
                .params(event.passwordHash(), event.accountId())
                .update();
    }

    private void disabled(String accountId, boolean disabled) {
        jdbc.sql("UPDATE organizer_account SET disabled = ? WHERE account_id = ?")
                .params(disabled, accountId)
                .update();
    }
}
