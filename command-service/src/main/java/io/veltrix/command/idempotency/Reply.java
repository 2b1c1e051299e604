package io.veltrix.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An HTTP outcome of a command, as it is returned and, under an Idempotency-Key, stored:
 * status, JSON body, whether it is a problem+json body, and a Retry-After (0 for none).
 */
public record Reply(int status, JsonNode body, boolean problem, long retryAfterSeconds) {

    public static Reply ok(int status, JsonNode body) {
        return new Reply(status, body, false, 0);
    }
}
