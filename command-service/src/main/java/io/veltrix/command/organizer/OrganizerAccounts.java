package io.veltrix.command.organizer;

import io.veltrix.platform.security.StoredOrganizers;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The command side's organizer accounts ({@code organizer_account}): claimed at creation, read at login. */
@Component
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

    @Override
    public Optional<String> passwordHashOf(String username) {
        return jdbc.sql("SELECT password_hash FROM organizer_account WHERE username = ?")
                .param(username).query(String.class).optional();
    }
}
