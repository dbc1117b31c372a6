package org.safecase.query.projection;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * A record of the topic, understood: the contract's envelope, the event it carries, and the envelope as
 * published (JSON), over which its hash is checked.
 */
public record DecodedEvent(IncidentEventEnvelope envelope, IncidentEvent event, JsonNode published) {

    public UUID incidentId() {
        return envelope.incidentId();
    }

    public long sequence() {
        return envelope.sequence();
    }

    public UUID eventId() {
        return envelope.eventId();
    }
}
