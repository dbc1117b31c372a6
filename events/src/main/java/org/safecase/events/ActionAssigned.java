package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A task on the incident for one user, due on a day (R18): "speak to the pupil's mother", "check the filter
 * logs". The title is free text, sealed with the incident's key; the owner is a user id, not personal data
 * about a child.
 */
@Revision("1")
public record ActionAssigned(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID actionId,
                             Sealed title, String owner, LocalDate dueOn) implements IncidentEvent {
}
