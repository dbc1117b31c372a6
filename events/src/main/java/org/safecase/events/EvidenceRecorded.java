package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * An item of evidence (R8), append-only: what it is, where it was found ({@code url}), when it was captured
 * and where it is held. Description, address and place are sealed with the incident's key. Never a copy of an
 * indecent image of a child: in those incidents only a description and where the material is are recorded (R9).
 */
@Revision("1")
public record EvidenceRecorded(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID evidenceId,
                               EvidenceKind kind, Sealed description, Sealed url, Instant capturedAt, Sealed heldAt)
        implements IncidentEvent {
}
