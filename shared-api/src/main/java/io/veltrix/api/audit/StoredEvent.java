package io.veltrix.api.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event as an auditor sees it: where it sits in the store (global {@code index}, stream
 * {@code aggregateId} and {@code sequence}), its type and stored schema {@code version}, the stored
 * payload as JSON and its chain hash. One line of an export.
 */
@JsonPropertyOrder({"index", "timestamp", "type", "version", "aggregateId", "sequence", "payload", "hash"})
public record StoredEvent(long index, Instant timestamp, String type, String version, String aggregateId,
                          long sequence, JsonNode payload, String hash) {

    /** The bytes the chain hash covers: the stored payload, which is canonical JSON. */
    public byte[] payloadBytes() {
        return CanonicalJson.canonicalBytes(payload);
    }
}
