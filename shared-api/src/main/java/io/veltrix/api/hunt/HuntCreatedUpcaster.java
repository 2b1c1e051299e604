package io.veltrix.api.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * HuntCreated v1 → v2: join codes did not exist, so a v1 hunt is open to anyone
 * ({@code joinCodeHash: null}). Stored rows are never rewritten: the upcast happens on read, and
 * the hash chain keeps covering the stored v1 bytes.
 */
public final class HuntCreatedUpcaster extends SingleEventUpcaster {

    static final String TYPE = HuntCreated.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, HuntCreated.REVISION), JsonNode.class,
                HuntCreatedUpcaster::v1ToV2);
    }

    /** The v2 form of a v1 payload; the same function serves Axon's chain and the audit tools. */
    public static JsonNode v1ToV2(JsonNode v1) {
        ObjectNode v2 = v1.deepCopy();
        if (!v2.has("joinCodeHash")) {
            v2.putNull("joinCodeHash");
        }
        return v2;
    }
}
