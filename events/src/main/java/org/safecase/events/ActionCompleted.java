package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** An action of the incident was done; the optional note is sealed with the incident's key. */
@Revision("1")
public record ActionCompleted(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID actionId,
                              Sealed note) implements IncidentEvent {
}
