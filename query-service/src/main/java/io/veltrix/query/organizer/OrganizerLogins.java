package io.veltrix.query.organizer;

import io.veltrix.platform.security.StoredOrganizers;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organizer accounts as the query service authenticates them: its projection of the account events. */
@Component
class OrganizerLogins implements StoredOrganizers {

    private final JdbcClient jdbc;

    OrganizerLogins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A disabled account has no hash to log in with: it is refused as an unknown name is. */
    @Override
    public Optional<String> passwordHashOf(String username) {
        return jdbc.sql("SELECT password_hash FROM organizer_login WHERE username = ? AND NOT disabled")
                .param(username).query(String.class).optional();
    }
}
