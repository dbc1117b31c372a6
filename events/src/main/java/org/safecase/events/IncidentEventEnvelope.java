package org.safecase.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as published on the topic {@code safecase.incident-events} and served to auditors: the
 * contract's envelope. {@code sequence} is the event's position in its incident's stream (from 0),
 * which is also the incident's version after it. {@code previousHash} and {@code hash} chain the
 * incident's events ({@link EventHashes}); {@code position} is the event's place in the store's global
 * order, assigned by the store after the hash was made, so not hashed (null where not known).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentEventEnvelope(UUID eventId, UUID incidentId, String schoolId, long sequence, String type,
                                   int schemaVersion, Instant recordedAt, Actor actor, JsonNode payload,
                                   String previousHash, String hash, Long position) {

    public static final String TOPIC = "safecase.incident-events";

    /** The same envelope with another payload (an authorised reader's opened fields); hashes and position kept. */
    public IncidentEventEnvelope withPayload(JsonNode other) {
        return new IncidentEventEnvelope(eventId, incidentId, schoolId, sequence, type, schemaVersion, recordedAt, actor,
                other, previousHash, hash, position);
    }

    public IncidentEventEnvelope withPosition(Long globalPosition) {
        return new IncidentEventEnvelope(eventId, incidentId, schoolId, sequence, type, schemaVersion, recordedAt, actor,
                payload, previousHash, hash, globalPosition);
    }
}
