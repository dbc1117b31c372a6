package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Support put in place for a subject (counselling for a victim of grooming, early help): not a sanction, so it
 * is on the person's file but never in their sanctions history. Their reference and the notes are sealed with
 * their key and the incident's.
 */
@Revision("1")
public record SupportProvided(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID subjectId,
                              Sealed subjectReference, SubjectType subjectType, SupportType type, LocalDate startsOn,
                              Sealed notes) implements IncidentEvent {
}
