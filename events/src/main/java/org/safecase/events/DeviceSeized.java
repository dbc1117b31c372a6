package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A device taken from its owner, a subject of the incident named by {@code subjectId}, with the legal basis (R11).
 * The owner's reference and the description are sealed with the owner's key and the incident's, as every sealed
 * field beside a {@code subjectId} is.
 */
@Revision("1")
public record DeviceSeized(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID deviceId,
                           Sealed description, UUID subjectId, Sealed subjectReference, SubjectType subjectType,
                           DeviceLegalBasis legalBasis, Instant seizedAt) implements IncidentEvent {
}
