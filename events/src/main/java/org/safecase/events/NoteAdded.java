package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

@Revision("1")
public record NoteAdded(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, String text)
        implements IncidentEvent {
}
