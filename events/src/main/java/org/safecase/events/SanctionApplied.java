package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A sanction or action applied to one subject of the incident; timed ones carry an end (R14). */
@Revision("1")
public record SanctionApplied(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                              String subjectReference, SubjectType subjectType, SanctionType type,
                              LocalDate startsOn, LocalDate endsOn, String notes) implements IncidentEvent {
}
