package io.veltrix.platform.security;

import java.util.Optional;

/**
 * The organizer accounts an admin opened, as each service keeps them: the command side in the
 * table it claims user names in, the query side in its projection of the account events.
 */
public interface StoredOrganizers {

    /** The BCrypt hash of the password of the account named {@code username} (lower case), if there is one. */
    Optional<String> passwordHashOf(String username);
}
