package org.safecase.events;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as published on the topic {@code safecase.incident-events} and served to auditors: the
 * contract's envelope. {@code sequence} is the event's position in its incident's stream (from 0),
 * which is also the incident's version after it.
 */
public record IncidentEventEnvelope(UUID eventId, UUID incidentId, String schoolId, long sequence, String type,
                                   int schemaVersion, Instant recordedAt, Actor actor, JsonNode payload) {

    public static final String TOPIC = "safecase.incident-events";
}
