package org.safecase.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentEventTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/** The one mapping from a stored event to the contract's envelope, for auditors and for Kafka alike. */
@Component
public class IncidentEventEnvelopes {

    private final JsonMapper jsonMapper;

    public IncidentEventEnvelopes(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public IncidentEventEnvelope envelope(DomainEventMessage<?> message) {
        IncidentEvent event = (IncidentEvent) message.getPayload();
        return new IncidentEventEnvelope(UUID.fromString(message.getIdentifier()), event.incidentId(), event.schoolId(),
                message.getSequenceNumber(), IncidentEventTypes.typeName(event.getClass()),
                IncidentEventTypes.schemaVersion(event.getClass()), event.recordedAt(), event.actor(),
                jsonMapper.valueToTree(event));
    }

    public byte[] serialize(IncidentEventEnvelope envelope) {
        return jsonMapper.writeValueAsBytes(envelope);
    }
}
