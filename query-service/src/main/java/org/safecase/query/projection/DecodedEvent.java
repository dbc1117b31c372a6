package org.safecase.query.projection;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;

import java.util.UUID;

/** A record of the topic, understood: the contract's envelope and the event it carries. */
public record DecodedEvent(IncidentEventEnvelope envelope, IncidentEvent event) {

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
