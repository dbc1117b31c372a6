package org.safecase.query.projection;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
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

    /** The people the event names: each {@code subjectId} in its payload, however deep. */
    public List<UUID> subjectIds() {
        List<UUID> subjectIds = new ArrayList<>();
        collectSubjectIds(published.path("payload"), subjectIds);
        return subjectIds;
    }

    private static void collectSubjectIds(JsonNode node, List<UUID> subjectIds) {
        if (node.isObject() && node.path("subjectId").isString()) {
            try {
                subjectIds.add(UUID.fromString(node.path("subjectId").asString()));
            } catch (IllegalArgumentException e) {
                // a member of that name that holds no id: there is no key to prepare for it
            }
        }
        for (JsonNode child : node) {
            collectSubjectIds(child, subjectIds);
        }
    }
}
