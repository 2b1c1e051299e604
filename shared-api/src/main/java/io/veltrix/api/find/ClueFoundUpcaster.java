package io.veltrix.api.find;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * ClueFound v1 → v2: v1 did not record the wrong answers before a find, so {@code wrongBefore} is
 * null ("not recorded"), never a guessed 0. Stored rows are never rewritten: the upcast happens on
 * read, and the hash chain keeps covering the stored v1 bytes.
 */
public final class ClueFoundUpcaster extends SingleEventUpcaster {

    static final String TYPE = ClueFound.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, ClueFound.REVISION), JsonNode.class,
                ClueFoundUpcaster::v1ToV2);
    }

    /** The v2 form of a v1 payload; the same function serves Axon's chain and the audit tools. */
    public static JsonNode v1ToV2(JsonNode v1) {
        ObjectNode v2 = v1.deepCopy();
        if (!v2.has("wrongBefore")) {
            v2.putNull("wrongBefore");
        }
        return v2;
    }
}
