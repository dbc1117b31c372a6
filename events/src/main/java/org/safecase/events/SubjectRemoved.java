package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A person was recorded in the incident by mistake and is no longer one of its subjects (R20: the report
 * still shows they were recorded; this says they were removed, by whom and why). The reason is sealed with
 * the person's key and the incident's, so erasing the person also makes it unreadable.
 */
@Revision("1")
public record SubjectRemoved(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID subjectId,
                             SubjectType subjectType, Sealed reason) implements IncidentEvent {
}
