package jp.nimo.infra.axon.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a case event stored before revision 2 (written without a revision) as revision 2: a
 * DischargeDelayed's single {@code reason} becomes a list of one in {@code reasons}. Every other kind
 * keeps its payload and only takes the new revision. It works on the stored JSON alone: it touches
 * structured fields only, never the sealed personal ones, whose ciphertext is bound to their names.
 */
public class CaseEventRecordedV2Upcaster extends SingleEventUpcaster {

    static final String TYPE = CaseEventRecorded.class.getName();
    static final String KIND = "DischargeDelayed";
    private static final SerializedType V2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return TYPE.equals(type.getName()) && (type.getRevision() == null || "1".equals(type.getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(V2, JsonNode.class, CaseEventRecordedV2Upcaster::toV2);
    }

    static JsonNode toV2(JsonNode payload) {
        if (!(payload instanceof ObjectNode event) || !KIND.equals(event.path("kind").asText())
                || !(event.get("fields") instanceof ObjectNode fields)) {
            return payload;
        }
        JsonNode reason = fields.get("reason");
        if (reason != null && !fields.has("reasons")) {
            fields.remove("reason");
            if (!reason.isNull()) {
                fields.putArray("reasons").add(reason);
            }
        }
        return event;
    }
}
