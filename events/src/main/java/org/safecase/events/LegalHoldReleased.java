package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** The incident's legal hold ended: its retention applies again. */
@Revision("1")
public record LegalHoldReleased(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, String reason)
        implements IncidentEvent {
}
