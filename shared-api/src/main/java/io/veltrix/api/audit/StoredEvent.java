package io.veltrix.api.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event as an auditor sees it: where it sits in the store (global {@code index}, stream
 * {@code aggregateId} and {@code sequence}), its type and stored schema {@code version}, the stored
 * payload and metadata as JSON and its chain hash. One line of an export.
 */
@JsonPropertyOrder({"index", "timestamp", "type", "version", "aggregateId", "sequence", "payload", "metaData", "hash"})
public record StoredEvent(long index, Instant timestamp, String type, String version, String aggregateId,
                          long sequence, JsonNode payload, JsonNode metaData, String hash) {

    /** The payload bytes a chain hash covers: the stored payload, which is canonical JSON. */
    @JsonIgnore
    public byte[] payloadBytes() {
        return CanonicalJson.canonicalBytes(payload);
    }

    /**
     * The chain version the link was written under: 1 where the metadata names none (events
     * stored before version 2), 0 where it names something that is no version.
     */
    @JsonIgnore
    public int chainVersion() {
        JsonNode version = metaData == null ? null : metaData.get(HashChain.VERSION_KEY);
        if (version == null) {
            return 1;
        }
        return version.isIntegralNumber() && version.canConvertToInt() ? version.asInt() : 0;
    }

    /** What a version 2 link covers, given the stored payload bytes. */
    public HashChain.Covered covered(byte[] storedPayload) {
        ObjectNode withoutHash = metaData instanceof ObjectNode object ? object.deepCopy()
                : CanonicalJson.mapper().createObjectNode();
        withoutHash.remove(HashChain.METADATA_KEY);
        return new HashChain.Covered(index, timestamp, type, version, aggregateId, sequence,
                CanonicalJson.canonicalBytes(withoutHash), storedPayload);
    }
}
