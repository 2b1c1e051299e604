package io.veltrix.platform.security;

import java.time.Instant;
import java.util.List;

/** The log of revoked player tokens that every instance's {@link PlayerTokenCache} catches up with. */
@FunctionalInterface
public interface TokenRevocations {

    /**
     * Hashes of the tokens revoked after {@code since} (the database's clock), and the database's
     * time of this read.
     */
    Revoked revokedAfter(Instant since);

    record Revoked(Instant asOf, List<String> tokenHashes) {
    }
}
