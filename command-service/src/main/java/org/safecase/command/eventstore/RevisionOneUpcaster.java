package org.safecase.command.eventstore;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.safecase.events.IncidentEventTypes;
import org.safecase.events.LegacyEvents;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events stored before personal fields were encrypted (revision 1, in clear) load as revision 2: their
 * text as legacy clear fields, their subjects with identifiers ({@link LegacyEvents}). Nothing is
 * rewritten in the store.
 */
@Component
class RevisionOneUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return revision != null && revision.equals(Integer.toString(LegacyEvents.CLEAR_REVISION))
                && LegacyEvents.isClear(typeName(representation), LegacyEvents.CLEAR_REVISION);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = typeName(representation);
        String revision = IncidentEventTypes.forName(type).map(IncidentEventTypes::schemaVersion).map(String::valueOf)
                .orElseThrow();
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), revision),
                ObjectNode.class, payload -> LegacyEvents.upcast(type, payload));
    }

    private static String typeName(IntermediateEventRepresentation representation) {
        String name = representation.getType().getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
