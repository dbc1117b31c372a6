package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

@Revision("1")
public record IncidentEscalated(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                                EscalationTarget to, String reason) implements IncidentEvent {
}
