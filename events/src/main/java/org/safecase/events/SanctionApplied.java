package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A sanction or action applied to one subject of the incident; timed ones carry an end (R14). The
 * subject's reference and the notes are the subject's personal data, sealed with their key.
 */
@Revision("2")
public record SanctionApplied(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID subjectId,
                              Sealed subjectReference, SubjectType subjectType, SanctionType type,
                              LocalDate startsOn, LocalDate endsOn, Sealed notes) implements IncidentEvent {
}
