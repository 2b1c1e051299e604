package io.veltrix.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Turns {@link Reply}s into HTTP responses and requests into idempotency fingerprints. */
public final class Replies {

    private Replies() {
    }

    public static ResponseEntity<?> render(Reply reply) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(reply.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (reply.retryAfterSeconds() > 0) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
        }
        return new ResponseEntity<>(reply.body(), headers, reply.status());
    }

    /** What a request asked for, as text; hashed before it is stored. */
    public static String fingerprint(String request, Object body, ObjectMapper json) {
        try {
            return request + " " + json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request bodies are serializable", e);
        }
    }
}
